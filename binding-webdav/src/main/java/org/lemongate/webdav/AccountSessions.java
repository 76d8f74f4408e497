package org.lemongate.webdav;

import org.apache.jackrabbit.webdav.DavSessionProvider;
import org.apache.jackrabbit.webdav.WebdavRequest;
import org.lemongate.mapping.BasicAuthorization;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailGateway;

/**
 * Authenticates each request with its own Basic credentials, passed through to IMAP; nothing is remembered between
 * requests. Failures are {@link MailException}s, answered by {@link DavErrors} (401 with the challenge).
 */
final class AccountSessions implements DavSessionProvider {

    private final MailGateway gateway;
    private final DavState state;

    AccountSessions(MailGateway gateway, DavState state) {
        this.gateway = gateway;
        this.state = state;
    }

    /** Attaches the user's session, or throws {@link MailException.AuthFailed} when credentials are missing. */
    @Override
    public boolean attachSession(WebdavRequest request) {
        Credentials credentials = BasicAuthorization.parse(request.getHeader("Authorization"), request.getRemoteAddr())
                .orElseThrow(() -> new MailException.AuthFailed(
                        "this WebDAV folder needs your mail user name and password (HTTP Basic)"));
        request.setDavSession(new AccountSession(gateway.login(credentials), state));
        return true;
    }

    @Override
    public void releaseSession(WebdavRequest request) {
        request.setDavSession(null);
    }
}

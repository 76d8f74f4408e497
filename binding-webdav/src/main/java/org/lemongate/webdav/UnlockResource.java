package org.lemongate.webdav;

import org.apache.jackrabbit.webdav.DavConstants;
import org.apache.jackrabbit.webdav.DavException;
import org.apache.jackrabbit.webdav.DavServletResponse;
import org.apache.jackrabbit.webdav.WebdavRequest;

/** UNLOCK (RFC 4918 section 9.11): releases the lock named by the Lock-Token header. */
final class UnlockResource {

    private UnlockResource() {
    }

    /**
     * @throws DavException 400 without a well-formed Lock-Token header, 409 with
     *                      {@code DAV:lock-token-matches-request-uri} when no lock of the user's with that token
     *                      applies to the resource
     */
    static void run(WebdavRequest request, MailResource resource) throws DavException {
        String header = request.getHeader(DavConstants.HEADER_LOCK_TOKEN);
        String token = header == null ? "" : header.strip();
        if (token.length() < 3 || token.charAt(0) != '<' || token.charAt(token.length() - 1) != '>') {
            throw new DavException(DavServletResponse.SC_BAD_REQUEST,
                    "UNLOCK needs a Lock-Token header of the form <token>");
        }
        AccountSession session = resource.accountSession();
        if (!session.locks().unlock(session.user(), token.substring(1, token.length() - 1), resource.path())) {
            throw Preconditions.failed(DavServletResponse.SC_CONFLICT,
                    "no lock of yours with that token applies to " + resource.path(),
                    "lock-token-matches-request-uri");
        }
    }
}

package org.lemongate.soap;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.lemongate.mapping.BasicAuthorization;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailException;

/**
 * The caller's credentials: the request's HTTP Basic credentials, or else a WS-Security UsernameToken in its
 * envelope ({@link UsernameToken}); the mapping layer checks them when the operation logs in. A request with neither is marked on its exchange, so that its fault goes
 * out as a 401 challenge ({@link FaultStatusInterceptor}).
 */
final class Authentication {

    private static final String NO_CREDENTIALS = Authentication.class.getName() + ".noCredentials";

    private Authentication() {
    }

    /**
     * The request caller's credentials, unchecked.
     *
     * @throws MailException.AuthFailed when credentials are missing or malformed
     */
    static Credentials credentials(Message message) {
        HttpServletRequest request = (HttpServletRequest) message.get(AbstractHTTPDestination.HTTP_REQUEST);
        Optional<Credentials> credentials =
                BasicAuthorization.parse(request.getHeader("Authorization"), request.getRemoteAddr());
        if (credentials.isEmpty()) {
            credentials = UsernameToken.of(message.getExchange(), request.getRemoteAddr());
        }
        if (credentials.isEmpty()) {
            message.getExchange().put(NO_CREDENTIALS, Boolean.TRUE);
            throw new MailException.AuthFailed(
                    "this service needs the mail account's user name and password, as HTTP Basic credentials or "
                            + "a WS-Security UsernameToken");
        }
        return credentials.get();
    }

    /** Whether the exchange's request came without any credentials. */
    static boolean lacksCredentials(Exchange exchange) {
        return exchange != null && Boolean.TRUE.equals(exchange.get(NO_CREDENTIALS));
    }
}

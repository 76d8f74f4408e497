package org.lemongate.soap;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.lemongate.mapping.BasicAuthorization;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailGateway;

/**
 * Logs the caller in with the HTTP Basic credentials of the request, or else with a WS-Security UsernameToken in
 * its envelope ({@link UsernameToken}). A request with neither is marked on its exchange, so that its fault goes
 * out as a 401 challenge ({@link FaultStatusInterceptor}).
 */
final class Authentication {

    private static final String NO_CREDENTIALS = Authentication.class.getName() + ".noCredentials";

    private final MailGateway gateway;

    Authentication(MailGateway gateway) {
        this.gateway = gateway;
    }

    /**
     * The account of the request's caller.
     *
     * @throws MailException.AuthFailed when credentials are missing, malformed or wrong
     */
    MailAccount login(Message message) {
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
        return gateway.login(credentials.get());
    }

    /** Whether the exchange's request came without any credentials. */
    static boolean lacksCredentials(Exchange exchange) {
        return exchange != null && Boolean.TRUE.equals(exchange.get(NO_CREDENTIALS));
    }
}

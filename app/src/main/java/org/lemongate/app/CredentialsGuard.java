package org.lemongate.app;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses credentials that travelled in clear, as {@code insecure-credentials} says: a request carrying an
 * {@code Authorization} header (Basic, Bearer or any other scheme), an event ticket in the query string
 * ({@code access_token}, which seals the user's password), and every SOAP call (which carries credentials in a
 * header or a WS-Security UsernameToken), unless it came over TLS or the policy accepts the client. The
 * password has already crossed the network by then; refusing it makes the client's misconfiguration visible at
 * once instead of letting it leak passwords for months. The log line names neither the header nor its value, and
 * leaves the query string out.
 */
final class CredentialsGuard extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger("org.lemongate.security");

    private static final String TICKET_PARAMETER = "access_token";

    private final CredentialsPolicy policy;

    CredentialsGuard(CredentialsPolicy policy) {
        this.policy = policy;
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        Client client = Client.of(req).orElseThrow(() -> new IllegalStateException("ProxyHeaders did not run"));
        if (carriesCredentials(req) && !policy.accepts(client)) {
            String path = req.getRequestURI().substring(req.getContextPath().length());
            LOG.warn("refused credentials sent over plain HTTP from {}: {} {} (insecure-credentials={})",
                    client.address(), req.getMethod(), Refusal.printable(path), policy.value());
            Refusal.send(req, res, 403, "insecure-transport", "HTTPS required",
                    "This gateway does not accept passwords or tokens over plain HTTP. Connect with https:// "
                            + "and change the password if it was sent over an untrusted network.");
            return;
        }
        chain.doFilter(req, res);
    }

    /** Looks at the query string only: reading parameters would consume a form body meant for the binding. */
    private static boolean carriesTicket(String query) {
        if (query == null) {
            return false;
        }
        for (String pair : query.split("&")) {
            String name = pair.split("=", 2)[0];
            try {
                name = URLDecoder.decode(name, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                // An undecodable name is no ticket; the binding refuses the malformed query itself.
                continue;
            }
            if (TICKET_PARAMETER.equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean carriesCredentials(HttpServletRequest req) {
        if (req.getHeader("Authorization") != null || carriesTicket(req.getQueryString())) {
            return true;
        }
        String path = req.getRequestURI().substring(req.getContextPath().length());
        return "POST".equals(req.getMethod()) && Binding.serving(path).orElse(null) == Binding.SOAP;
    }
}

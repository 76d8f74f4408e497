package org.lemongate.app;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses credentials that travelled in clear, as {@code insecure-credentials} says: a request carrying an
 * {@code Authorization} header (Basic, Bearer or any other scheme), and every SOAP call (which carries credentials
 * in a header or a WS-Security UsernameToken), unless it came over TLS or the policy accepts the client. The
 * password has already crossed the network by then; refusing it makes the client's misconfiguration visible at
 * once instead of letting it leak passwords for months. The log line names neither the header nor its value.
 */
final class CredentialsGuard extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger("org.lemongate.security");

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

    private static boolean carriesCredentials(HttpServletRequest req) {
        if (req.getHeader("Authorization") != null) {
            return true;
        }
        String path = req.getRequestURI().substring(req.getContextPath().length());
        return "POST".equals(req.getMethod()) && Binding.serving(path).orElse(null) == Binding.SOAP;
    }
}

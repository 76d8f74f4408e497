package org.lemongate.app;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Headers on every response that keep browsers from turning the gateway's content against its users. The policy
 * is the strictest one: no response of the gateway needs script, styles, frames or forms, and {@code sandbox} gives
 * any HTML it serves (a message body, an attachment, the start page) an opaque origin of its own, so mail content
 * can never run script in the gateway's origin. HSTS goes out only on responses that travelled over TLS.
 */
final class SecurityHeaders extends HttpFilter {

    /** The Content-Security-Policy of every response. */
    static final String POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; "
            + "sandbox";
    /** The Strict-Transport-Security of responses over TLS: a year, as browsers' preload lists expect. */
    static final String HSTS = "max-age=31536000";

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        apply(res, req.isSecure());
        chain.doFilter(req, res);
    }

    /** Sets the headers; also used for the answers {@link ProxyHeaders} gives before this filter runs. */
    static void apply(HttpServletResponse res, boolean secure) {
        res.setHeader("X-Content-Type-Options", "nosniff");
        res.setHeader("Referrer-Policy", "no-referrer");
        res.setHeader("X-Frame-Options", "DENY");
        res.setHeader("Content-Security-Policy", POLICY);
        if (secure) {
            res.setHeader("Strict-Transport-Security", HSTS);
        }
    }
}

package org.lemongate.app;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops cross-site request forgery: a page on another site making the user's browser send a write that the browser
 * authenticates with the user's cached Basic credentials. Every state-changing method is checked:
 * <ol>
 *   <li>with an {@code Origin}, it must be the gateway's own origin or listed in {@code allowed-origins};</li>
 *   <li>without one, a {@code Referer} must have such an origin;</li>
 *   <li>without either, {@code Sec-Fetch-Site: cross-site} or {@code same-site} is refused;</li>
 *   <li>a REST write in a content type an HTML form can produce ({@code application/x-www-form-urlencoded},
 *       {@code multipart/form-data}, {@code text/plain}) that shows any sign of coming from a browser must carry
 *       a good {@code Origin}.</li>
 * </ol>
 * Clients that are not browsers send none of these headers and pass; see docs/security.md.
 */
final class CrossSiteGuard extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger("org.lemongate.security");
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "PROPFIND", "REPORT", "TRACE");
    private static final Set<String> FORM_TYPES = Set.of("application/x-www-form-urlencoded", "multipart/form-data",
            "text/plain");

    private final transient Set<String> allowedOrigins;

    /** @param allowedOrigins further origins whose pages may write, e.g. {@code https://webmail.example.com} */
    CrossSiteGuard(Set<String> allowedOrigins) {
        this.allowedOrigins = Set.copyOf(allowedOrigins);
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (SAFE_METHODS.contains(req.getMethod())) {
            chain.doFilter(req, res);
            return;
        }
        Client client = Client.of(req).orElseThrow(() -> new IllegalStateException("ProxyHeaders did not run"));
        String reason = reason(req, client.origin());
        if (reason != null) {
            String path = req.getRequestURI().substring(req.getContextPath().length());
            LOG.warn("refused a cross-site {} {} from {}: {}", req.getMethod(), Refusal.printable(path),
                    client.address(), reason);
            Refusal.send(req, res, 403, "cross-site-request", "Cross-site request refused",
                    "A " + req.getMethod() + " request from a web page of another site was refused (" + reason
                            + "). Pages may change mail only from " + client.origin()
                            + " or an origin listed in allowed-origins.");
            return;
        }
        chain.doFilter(req, res);
    }

    /** Why the request looks forged, or null when it does not. */
    private String reason(HttpServletRequest req, String ownOrigin) {
        String origin = req.getHeader("Origin");
        if (origin != null) {
            return allowed(origin, ownOrigin) ? null : "Origin " + Refusal.printable(origin);
        }
        String referer = req.getHeader("Referer");
        if (referer != null && !allowed(originOf(referer), ownOrigin)) {
            return "Referer from " + Refusal.printable(originOf(referer));
        }
        String site = req.getHeader("Sec-Fetch-Site");
        if (site != null && (site.equalsIgnoreCase("cross-site") || site.equalsIgnoreCase("same-site"))) {
            return "Sec-Fetch-Site " + Refusal.printable(site);
        }
        boolean fromBrowser = referer != null || site != null || req.getHeader("Sec-Fetch-Mode") != null;
        String path = req.getRequestURI().substring(req.getContextPath().length());
        if (fromBrowser && Binding.serving(path).orElse(null) == Binding.REST && formType(req.getContentType())) {
            return "a form content type from a browser without Origin";
        }
        return null;
    }

    private boolean allowed(String origin, String ownOrigin) {
        String o = origin.strip().toLowerCase(Locale.ROOT);
        return o.equals(ownOrigin.toLowerCase(Locale.ROOT)) || allowedOrigins.contains(o);
    }

    /** {@code scheme://host[:port]} of a URL, or the text {@code "unparsable"}. */
    static String originOf(String url) {
        try {
            URI u = URI.create(url.strip());
            if (u.getScheme() == null || u.getHost() == null) {
                return "unparsable";
            }
            String scheme = u.getScheme().toLowerCase(Locale.ROOT);
            boolean defaultPort = u.getPort() < 0 || u.getPort() == PublicUrl.defaultPort(scheme);
            return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + u.getPort());
        } catch (IllegalArgumentException e) {
            return "unparsable";
        }
    }

    private static boolean formType(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return FORM_TYPES.contains(type.toLowerCase(Locale.ROOT));
    }
}

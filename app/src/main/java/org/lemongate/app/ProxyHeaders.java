package org.lemongate.app;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first filter of every request: decides who sent it and which URL the client used. Only a peer in
 * {@code trusted-proxies} may say so through {@code Forwarded} or {@code X-Forwarded-*}; from anyone else those
 * headers are ignored (and the fact logged, at most once a minute). With {@code public-url} set, that URL is the
 * base of everything the gateway emits, and a request for another host is refused with 421 — the probes excepted,
 * as monitoring usually reaches them by address.
 */
final class ProxyHeaders extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger("org.lemongate.security");
    private static final Set<String> ANY_HOST_PATHS = Set.of("/healthz", "/readyz", "/metrics");

    private final transient TrustedProxies proxies;
    private final transient Optional<PublicUrl> publicUrl;
    private final transient LogThrottle ignoredLog = new LogThrottle(Duration.ofMinutes(1));

    ProxyHeaders(TrustedProxies proxies, Optional<PublicUrl> publicUrl) {
        this.proxies = proxies;
        this.publicUrl = publicUrl;
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        String peer = req.getRemoteAddr();
        boolean forwarded = Forwarding.present(req);
        boolean trusted = forwarded && proxies.trusts(peer);
        Forwarding hop;
        try {
            hop = trusted ? Forwarding.of(req) : null;
        } catch (IllegalArgumentException e) {
            LOG.warn("refused a request from trusted proxy {} with a malformed forwarding header: {}", peer,
                    e.getMessage());
            SecurityHeaders.apply(res, req.isSecure());
            Refusal.send(req, res, 400, "invalid-input", "Malformed forwarding header",
                    "The reverse proxy sent a malformed forwarding header: " + e.getMessage());
            return;
        }
        if (forwarded && !trusted) {
            logIgnored(peer);
        }
        Optional<String> named = trusted ? hop.client(proxies) : Optional.empty();
        String address = named.orElse(peer);
        boolean secure = req.isSecure() || trusted && hop.proto().filter("https"::equals).isPresent();
        // A forwarded request is local only if a trusted proxy vouches for a loopback client: an untrusted proxy
        // on this host would otherwise make every internet client look local.
        boolean local = loopback(address) && (trusted ? named.isPresent() : !forwarded);
        PublicUrl url = publicUrl.orElseGet(() -> asked(req, trusted ? hop : null));
        String path = req.getRequestURI().substring(req.getContextPath().length());
        if (publicUrl.isPresent() && !ANY_HOST_PATHS.contains(path)) {
            String host = trusted && hop.host().isPresent() ? hop.host().get() : hostOf(req.getHeader("Host"));
            if (!url.host().equals(host)) {
                LOG.warn("refused a request from {} for host '{}', not the public host {}", address,
                        Refusal.printable(host), url.host());
                SecurityHeaders.apply(res, secure);
                Refusal.send(req, res, 421, "wrong-host", "Wrong host",
                        "This gateway answers for " + url.host() + " only; use " + url);
                return;
            }
        }
        Client client = new Client(address, secure, local, url.origin());
        ProxiedRequest view = new ProxiedRequest(req, url, client);
        client.attachTo(view);
        chain.doFilter(view, res);
    }

    /** The URL the client used, from the trusted proxy's headers where it gave them, else from the connection. */
    private static PublicUrl asked(HttpServletRequest req, Forwarding hop) {
        Optional<Forwarding> h = Optional.ofNullable(hop);
        String scheme = h.flatMap(Forwarding::proto).orElse(req.getScheme().toLowerCase(Locale.ROOT));
        String host = h.flatMap(Forwarding::host).orElse(req.getServerName().toLowerCase(Locale.ROOT));
        boolean proxied = h.map(f -> f.proto().isPresent() || f.host().isPresent()).orElse(false);
        int port = h.flatMap(Forwarding::port)
                .orElse(proxied ? PublicUrl.defaultPort(scheme) : req.getServerPort());
        String prefix = h.flatMap(Forwarding::prefix).orElse("");
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return new PublicUrl(scheme, host, port, prefix);
    }

    private static String hostOf(String header) {
        if (header == null) {
            return "";
        }
        String h = header.strip().toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        return colon > h.lastIndexOf(']') ? h.substring(0, colon) : h;
    }

    private static boolean loopback(String address) {
        return AddressRange.literal(address).map(b -> b.length == 4 ? b[0] == 127
                : Arrays.equals(b, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}))
                .orElse(false);
    }

    private void logIgnored(String peer) {
        if (ignoredLog.allows()) {
            LOG.warn("ignored Forwarded/X-Forwarded-* headers from {}, which is not in trusted-proxies "
                    + "(logged at most once a minute)", peer);
        }
    }
}

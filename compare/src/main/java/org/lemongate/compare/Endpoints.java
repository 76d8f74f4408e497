package org.lemongate.compare;

import java.net.URI;
import java.util.Optional;

/**
 * The servers a comparison runs against and the account it uses.
 *
 * @param gateway  the gateway's base URL ({@code http://host:port/}), under which {@code api/v1}, {@code soap/mail}
 *                 and {@code dav/} answer
 * @param imap     the IMAP server behind it ({@code imap://host:port}), for the baseline and to seed the mailbox
 * @param smtp     the SMTP server, for the baseline's sending; without it the baseline's send is not measured
 * @param proxy    an HTTP proxy every client's traffic goes through: HTTP requests in absolute form, IMAP and SMTP
 *                 in a CONNECT tunnel
 * @param user     the mail account
 * @param password its password
 * @param jmap     a JMAP server (its base URL, under which {@code /.well-known/jmap} answers) on the same account,
 *                 measured as one more client; without it there is no JMAP column
 */
public record Endpoints(URI gateway, URI imap, Optional<URI> smtp, Optional<URI> proxy, String user,
                        String password, Optional<URI> jmap) {

    /** The servers without a JMAP server. */
    public Endpoints(URI gateway, URI imap, Optional<URI> smtp, Optional<URI> proxy, String user, String password) {
        this(gateway, imap, smtp, proxy, user, password, Optional.empty());
    }

    /** Checks the schemes the harness can speak; the gateway URL is normalised to end in {@code /}. */
    public Endpoints {
        require(gateway, "gateway", "http");
        require(imap, "imap", "imap");
        smtp.ifPresent(s -> require(s, "smtp", "smtp"));
        proxy.ifPresent(p -> require(p, "proxy", "http"));
        jmap.ifPresent(j -> require(j, "jmap", "http"));
        if (user == null || user.isEmpty() || password == null) {
            throw new IllegalArgumentException("--user and --password name the mail account to use");
        }
        if (!gateway.getRawPath().endsWith("/")) {
            gateway = URI.create(gateway + "/");
        }
        jmap = jmap.map(j -> j.getRawPath().endsWith("/") ? j : URI.create(j + "/"));
    }

    private static void require(URI uri, String option, String scheme) {
        if (!scheme.equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("--" + option + " must be a " + scheme + "://host:port URL, not "
                    + uri + " (the harness counts bytes in the clear, so it does not speak TLS)");
        }
    }

    Upstream imapUpstream() {
        return new Upstream(imap.getHost(), port(imap, 143), proxy);
    }

    Optional<Upstream> smtpUpstream() {
        return smtp.map(s -> new Upstream(s.getHost(), port(s, 25), proxy));
    }

    /** The first hop of HTTP traffic: the proxy when there is one, else the gateway. */
    Upstream httpFirstHop() {
        URI to = proxy.orElse(gateway);
        return Upstream.direct(to.getHost(), port(to, 80));
    }

    /** The first hop of JMAP traffic: the proxy when there is one, else the JMAP server. */
    Optional<Upstream> jmapFirstHop() {
        return jmap.map(j -> {
            URI to = proxy.orElse(j);
            return Upstream.direct(to.getHost(), port(to, 80));
        });
    }

    private static int port(URI uri, int fallback) {
        return uri.getPort() == -1 ? fallback : uri.getPort();
    }
}

package org.lemongate.app;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where users reach the gateway, e.g. {@code https://mail.example.com/gw/}: every absolute URL the gateway emits
 * starts with it, and requests naming another host are refused.
 *
 * @param scheme {@code http} or {@code https}
 * @param host   the host name or address literal, lower case
 * @param port   the port, explicit even when it is the scheme's default
 * @param prefix the path before the gateway's own paths, without trailing slash: {@code ""} or e.g. {@code /gw}
 */
record PublicUrl(String scheme, String host, int port, String prefix) {

    /** A path prefix a proxy may put in front: segments of unreserved characters. */
    static final Pattern PREFIX = Pattern.compile("(/[A-Za-z0-9._~\\-]+)*");

    PublicUrl {
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("the scheme must be http or https");
        }
        if (!PREFIX.matcher(prefix).matches() || prefix.contains("/./") || prefix.contains("/../")
                || prefix.endsWith("/..") || prefix.endsWith("/.")) {
            throw new IllegalArgumentException("the path must be empty or plain segments such as /gw");
        }
    }

    /**
     * Parses {@code scheme://host[:port][/prefix[/]]}.
     *
     * @throws IllegalArgumentException for anything else (user info, query, fragment, odd path)
     */
    static PublicUrl parse(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("expected a URL such as https://mail.example.com/gw/");
        }
        if (uri.getScheme() == null || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("expected a URL such as https://mail.example.com/gw/");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String prefix = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        int port = uri.getPort() >= 0 ? uri.getPort() : defaultPort(scheme);
        return new PublicUrl(scheme, uri.getHost().toLowerCase(Locale.ROOT), port, prefix);
    }

    /** 443 for https, 80 otherwise. */
    static int defaultPort(String scheme) {
        return "https".equals(scheme) ? 443 : 80;
    }

    /** {@code host} or {@code host:port} when the port is not the scheme's default, as a Host header names it. */
    String authority() {
        return port == defaultPort(scheme) ? host : host + ":" + port;
    }

    /** The origin browsers send in {@code Origin}: {@code https://mail.example.com}. */
    String origin() {
        return scheme + "://" + authority();
    }

    @Override
    public String toString() {
        return origin() + prefix + "/";
    }
}

package org.lemongate.app;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

/**
 * What a proxy says about the original request: RFC 7239 {@code Forwarded}, or the older {@code X-Forwarded-For},
 * {@code -Proto}, {@code -Host} and {@code -Port} when there is no {@code Forwarded}; {@code X-Forwarded-Prefix}
 * (which has no RFC 7239 parameter) in either case. Scheme, host, port and prefix come from the first value, the
 * one the proxy nearest the client wrote; the client address is found from the right (see {@link #client}).
 *
 * @param chain  the {@code for} addresses, client first, proxies after; unknown or obfuscated ones are null
 * @param proto  {@code http} or {@code https}
 * @param host   the host the client asked for, without port
 * @param port   the port the client connected to
 * @param prefix the path prefix the proxy removed, e.g. {@code /gw}; never ends with a slash
 */
record Forwarding(List<String> chain, Optional<String> proto, Optional<String> host, Optional<Integer> port,
                  Optional<String> prefix) {

    /** The request headers that carry forwarding information; the gateway hides them after reading them. */
    static final List<String> HEADERS = List.of("forwarded", "x-forwarded-for", "x-forwarded-proto",
            "x-forwarded-host", "x-forwarded-port", "x-forwarded-prefix");

    private static final Pattern HOST = Pattern.compile("([A-Za-z0-9\\-]{1,63}(\\.[A-Za-z0-9\\-]{1,63})*\\.?"
            + "|\\[[0-9A-Fa-f:.]{2,45}])(:(\\d{1,5}))?");
    private static final int MAX_CHAIN = 32;

    Forwarding {
        chain = Collections.unmodifiableList(new ArrayList<>(chain));
    }

    /** Whether the request carries any forwarding header. */
    static boolean present(HttpServletRequest request) {
        return HEADERS.stream().anyMatch(h -> request.getHeader(h) != null);
    }

    /** Reads the forwarding headers of a request from a trusted proxy; see {@link #of(Function)}. */
    static Forwarding of(HttpServletRequest request) {
        return of(name -> Collections.list(request.getHeaders(name)));
    }

    /**
     * Reads forwarding headers.
     *
     * @param request every value of the named header, in order; the name is given in lower case
     * @throws IllegalArgumentException when a header is malformed, naming it
     */
    static Forwarding of(Function<String, List<String>> request) {
        Optional<String> prefix = first(request, "x-forwarded-prefix").map(Forwarding::prefix);
        List<String> forwarded = request.apply("forwarded");
        if (!forwarded.isEmpty()) {
            return fromForwarded(String.join(",", forwarded), prefix);
        }
        List<String> chain = new ArrayList<>();
        for (String header : request.apply("x-forwarded-for")) {
            for (String value : header.split(",", -1)) {
                chain.add(address(value.strip()));
            }
        }
        checkLength(chain);
        Optional<String> proto = first(request, "x-forwarded-proto").map(Forwarding::proto);
        Optional<String[]> hostAndPort = first(request, "x-forwarded-host").map(Forwarding::hostAndPort);
        Optional<Integer> port = first(request, "x-forwarded-port").map(Forwarding::port)
                .or(() -> hostAndPort.filter(h -> h[1] != null).map(h -> port(h[1])));
        return new Forwarding(chain, proto, hostAndPort.map(h -> h[0]), port, prefix);
    }

    /**
     * The client's address: the rightmost {@code for} that is not itself a trusted proxy, or {@code peer} when the
     * proxies named none. Walking from the right means a client cannot pose as another by sending its own header:
     * whatever it wrote stays left of the address its first trusted proxy saw.
     */
    Optional<String> client(TrustedProxies proxies) {
        for (int i = chain.size() - 1; i >= 0; i--) {
            String hop = chain.get(i);
            if (hop == null) {
                return Optional.empty();
            }
            if (i == 0 || !proxies.trusts(hop)) {
                return Optional.of(hop);
            }
        }
        return Optional.empty();
    }

    private static Forwarding fromForwarded(String header, Optional<String> prefix) {
        List<String> chain = new ArrayList<>();
        String proto = null;
        String host = null;
        boolean firstElement = true;
        for (String element : split(header, ',')) {
            String hop = null;
            for (String pair : split(element, ';')) {
                if (pair.isBlank()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("Forwarded: expected name=value pairs");
                }
                String name = pair.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                String value = unquote(pair.substring(eq + 1).strip());
                switch (name) {
                    case "for" -> hop = address(value);
                    case "proto" -> proto = firstElement ? proto(value) : proto;
                    case "host" -> host = firstElement ? value : host;
                    default -> {
                        // "by" and extensions say nothing the gateway uses.
                    }
                }
            }
            chain.add(hop);
            firstElement = false;
        }
        checkLength(chain);
        Optional<String[]> hostAndPort = Optional.ofNullable(host).map(Forwarding::hostAndPort);
        return new Forwarding(chain, Optional.ofNullable(proto), hostAndPort.map(h -> h[0]),
                hostAndPort.filter(h -> h[1] != null).map(h -> port(h[1])), prefix);
    }

    /** Splits at {@code separator} outside quoted strings. */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted && i + 1 < text.length()) {
                current.append(c);
                c = text.charAt(++i);
            } else if (c == separator && !quoted) {
                parts.add(current.toString().strip());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        if (quoted) {
            throw new IllegalArgumentException("Forwarded: unterminated quoted string");
        }
        parts.add(current.toString().strip());
        return parts;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
        }
        return value;
    }

    /** An IP literal, port removed; null for RFC 7239's "unknown" and obfuscated identifiers. */
    private static String address(String value) {
        String v = value;
        if (v.startsWith("[")) {
            int close = v.indexOf(']');
            v = close < 0 ? v : v.substring(1, close);
        } else if (v.chars().filter(c -> c == ':').count() == 1) {
            v = v.substring(0, v.indexOf(':'));
        }
        return AddressRange.literal(v).isPresent() ? v : null;
    }

    private static String proto(String value) {
        String p = value.strip().toLowerCase(Locale.ROOT);
        if (!p.equals("http") && !p.equals("https")) {
            throw new IllegalArgumentException("the forwarded protocol must be http or https");
        }
        return p;
    }

    private static String[] hostAndPort(String value) {
        var m = HOST.matcher(value.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("the forwarded host is not a host name with an optional port");
        }
        return new String[] {m.group(1).toLowerCase(Locale.ROOT), m.group(4)};
    }

    private static int port(String value) {
        try {
            int p = Integer.parseInt(value.strip());
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // Falls through to the error below.
        }
        throw new IllegalArgumentException("the forwarded port must be a number between 1 and 65535");
    }

    private static String prefix(String value) {
        String p = value.strip();
        p = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
        if (!PublicUrl.PREFIX.matcher(p).matches() || p.matches(".*/\\.{1,2}(/.*)?")) {
            throw new IllegalArgumentException("X-Forwarded-Prefix must be plain path segments such as /gw");
        }
        return p;
    }

    private static Optional<String> first(Function<String, List<String>> request, String header) {
        List<String> values = request.apply(header);
        if (values.isEmpty()) {
            return Optional.empty();
        }
        String value = values.get(0);
        int comma = value.indexOf(',');
        return Optional.of((comma < 0 ? value : value.substring(0, comma)).strip());
    }

    private static void checkLength(List<String> chain) {
        if (chain.size() > MAX_CHAIN) {
            throw new IllegalArgumentException("the forwarding chain is longer than " + MAX_CHAIN + " hops");
        }
    }
}

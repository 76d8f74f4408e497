package org.lemongate.app;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.lemongate.mapping.imap.BackendSettings.StartTls;

/**
 * Parses configuration values. Each parser throws {@link IllegalArgumentException} with a message saying what is
 * expected; {@link ConfigLoader} adds the key and the value's source.
 */
final class ConfigValues {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*(?:([kmg])i?b?|b)?");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]{1,253}|\\[?[0-9A-Fa-f:.]{2,45}]?");

    private ConfigValues() {
    }

    /** {@code 250ms}, {@code 10s}, {@code 5m}, {@code 1h}, {@code 1d} or ISO-8601 ({@code PT10S}); positive. */
    static Duration duration(String value) {
        Duration d;
        Matcher m = DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                d = Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("expected a duration such as 500ms, 10s, 5m or 1h");
            }
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("the duration must be positive (timeouts are never infinite)");
        }
        return d;
    }

    /** A byte count with an optional binary suffix: {@code 4096}, {@code 256k}, {@code 50m}, {@code 1g}. */
    static long size(String value, long min, long max) {
        Matcher m = SIZE.matcher(value.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a size such as 4096, 256k, 50m or 1g");
        }
        long n = Long.parseLong(m.group(1));
        int shift = m.group(2) == null ? 0 : switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            default -> 30;
        };
        if (n > (max >> shift) || (n << shift) < min) {
            throw new IllegalArgumentException("expected a size between " + min + " and " + max + " bytes");
        }
        return n << shift;
    }

    /** A {@link #duration} of whole seconds within {@code [min, max]}, as push timings are granted per second. */
    static Duration wholeSeconds(String value, Duration min, Duration max) {
        Duration d = duration(value);
        if (d.toMillis() % 1000 != 0 || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new IllegalArgumentException("expected whole seconds between " + min.toSeconds() + "s and "
                    + max.toSeconds() + "s");
        }
        return d;
    }

    /** Standard or URL-safe base64 of an AES key: 16 or 32 bytes. */
    static byte[] aesKey(String value) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(value.replace('-', '+').replace('_', '/'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected base64, e.g. the output of 'openssl rand -base64 32'");
        }
        if (key.length != 16 && key.length != 32) {
            throw new IllegalArgumentException("expected 16 or 32 bytes in base64 (AES-128 or AES-256), got "
                    + key.length + " bytes");
        }
        return key;
    }

    /** A decimal integer within {@code [min, max]}. */
    static int integer(String value, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number between " + min + " and " + max);
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException("expected a whole number between " + min + " and " + max);
        }
        return n;
    }

    /** A server URL {@code scheme://host[:port]} with one of the two schemes and nothing after the port. */
    static URI serverUrl(String value, String plain, String tls) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("expected " + plain + "://host:port or " + tls + "://host:port");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean bare = (uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/"))
                && uri.getQuery() == null && uri.getFragment() == null && uri.getUserInfo() == null;
        if (!(scheme.equals(plain) || scheme.equals(tls)) || uri.getHost() == null || !bare) {
            throw new IllegalArgumentException("expected " + plain + "://host:port or " + tls + "://host:port");
        }
        return uri;
    }

    /** {@code off}, {@code optional} or {@code required}. */
    static StartTls startTls(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "off" -> StartTls.OFF;
            case "optional" -> StartTls.OPTIONAL;
            case "required" -> StartTls.REQUIRED;
            default -> throw new IllegalArgumentException("expected off, optional or required");
        };
    }

    /** A host name or IP address literal to listen on. */
    static String host(String value) {
        if (!HOST.matcher(value).matches()) {
            throw new IllegalArgumentException("expected a host name or IP address such as 127.0.0.1 or 0.0.0.0");
        }
        return value;
    }

    /** An H2 JDBC URL, the only kind of database the WebDAV state store opens. */
    static String h2Url(String value) {
        if (!value.startsWith("jdbc:h2:") || value.length() == "jdbc:h2:".length()) {
            throw new IllegalArgumentException("expected an H2 JDBC URL such as jdbc:h2:tcp://db-host/webdav or "
                    + "jdbc:h2:file:/var/lib/lemongate/webdav");
        }
        return value;
    }

    /** Any text but the empty one. */
    static String nonEmpty(String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("must not be empty");
        }
        return value;
    }

    /** A comma-separated, non-empty list of binding names. */
    static Set<Binding> bindings(String value) {
        Set<Binding> result = EnumSet.noneOf(Binding.class);
        for (String name : value.split(",", -1)) {
            String n = name.strip();
            result.add(Binding.byName(n).orElseThrow(() -> new IllegalArgumentException(
                    "unknown binding '" + n + "'; expected a comma-separated list of rest, soap, dav")));
        }
        return result;
    }
}

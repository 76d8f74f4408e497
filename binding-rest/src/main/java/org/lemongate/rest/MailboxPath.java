package org.lemongate.rest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxName;

/**
 * Mailbox names in URL paths: each hierarchy level percent-encoded UTF-8, levels joined by {@code /} (see
 * docs/adr/0030-rest-url-scheme.md). A level never contains {@code /}, so a decoded {@code %2F} (as a generated
 * client writes it) addresses the hierarchy exactly as a literal {@code /} does.
 */
final class MailboxPath {

    private static final String UNRESERVED =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private MailboxPath() {
    }

    /** The name as a path: every level percent-encoded, joined by {@code /}. */
    static String encode(MailboxName name) {
        StringBuilder out = new StringBuilder(name.path().length() + 16);
        for (String level : name.segments()) {
            if (!out.isEmpty()) {
                out.append('/');
            }
            out.append(encodeComponent(level));
        }
        return out.toString();
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters, for a path segment or a query value. */
    static String encodeComponent(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && UNRESERVED.indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /**
     * Reads the still-encoded path of a mailbox resource.
     *
     * @throws MailException.InvalidInput when the escapes or the UTF-8 they spell are malformed, or the name breaks
     *                                    the mailbox naming rules
     */
    static MailboxName decode(String rawPath) {
        List<String> levels = new ArrayList<>();
        for (String segment : rawPath.split("/", -1)) {
            levels.add(decodeComponent(segment));
        }
        return MailboxName.of(String.join("/", levels));
    }

    private static String decodeComponent(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length() || hex(segment.charAt(i + 1)) < 0 || hex(segment.charAt(i + 2)) < 0) {
                    throw new MailException.InvalidInput("mailbox",
                            "the mailbox path has a '%' that is not followed by two hex digits");
                }
                bytes.write(hex(segment.charAt(i + 1)) << 4 | hex(segment.charAt(i + 2)));
                i += 2;
            } else {
                byte[] literal = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(literal, 0, literal.length);
            }
        }
        return Utf8.decode(bytes.toByteArray(), "mailbox", "the mailbox path is not percent-encoded UTF-8");
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}

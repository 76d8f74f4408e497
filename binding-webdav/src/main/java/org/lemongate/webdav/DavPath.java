package org.lemongate.webdav;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

import org.lemongate.mapping.MailException;

/**
 * A path below the WebDAV root as decoded, validated segments, and back to a percent-encoded href.
 *
 * <p>Decoding is strict because a path names another user's data only if the gateway lets it: malformed or overlong
 * UTF-8, control characters, an encoded {@code /} inside a segment and {@code .}/{@code ..} segments are refused,
 * never repaired. Segments are normalised to NFC because macOS sends NFD.
 *
 * @param segments the decoded segments, outermost first; empty for the root
 */
record DavPath(List<String> segments) {

    /** Longest raw path accepted, in characters. */
    static final int MAX_RAW_LENGTH = 4096;
    /** The root collection. */
    static final DavPath ROOT = new DavPath(List.of());

    private static final String UNRESERVED = "-._~";

    DavPath {
        segments = List.copyOf(segments);
    }

    /**
     * Parses a raw (still percent-encoded) path such as {@code /INBOX/2026-11-30%20Hello%20%5B3%5D.eml}. A trailing
     * slash is allowed and carries no meaning: clients must not be redirected between the two forms.
     *
     * @throws MailException.InvalidInput when the path is malformed
     */
    static DavPath parse(String raw) {
        if (raw == null || raw.isEmpty() || raw.equals("/")) {
            return ROOT;
        }
        if (raw.length() > MAX_RAW_LENGTH) {
            throw invalid("the path is longer than " + MAX_RAW_LENGTH + " characters");
        }
        if (raw.charAt(0) != '/') {
            throw invalid("the path must start with '/'");
        }
        return split(raw, true);
    }

    /** Parses an already decoded path such as {@code /INBOX/Été}, with the same checks as {@link #parse}. */
    static DavPath ofDecoded(String path) {
        if (path == null || path.isEmpty() || path.equals("/")) {
            return ROOT;
        }
        if (path.charAt(0) != '/') {
            throw invalid("the path must start with '/'");
        }
        return split(path, false);
    }

    private static DavPath split(String path, boolean percentEncoded) {
        String body = path.endsWith("/") ? path.substring(1, path.length() - 1) : path.substring(1);
        List<String> out = new ArrayList<>();
        for (String s : body.split("/", -1)) {
            if (s.isEmpty()) {
                throw invalid("the path has an empty segment ('//')");
            }
            out.add(checked(percentEncoded ? percentDecode(s) : s));
        }
        return new DavPath(out);
    }

    private static String checked(String decoded) {
        String s = Normalizer.normalize(decoded, Normalizer.Form.NFC);
        if (s.equals(".") || s.equals("..")) {
            throw invalid("the path has a '.' or '..' segment");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw invalid("the path contains a control character");
            }
            if (c == '/') {
                throw invalid("a path segment contains an encoded '/' (%2F)");
            }
        }
        return s;
    }

    private static String percentDecode(String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    throw invalid("the path has an incomplete percent escape");
                }
                int hi = Character.digit(encoded.charAt(i + 1), 16);
                int lo = Character.digit(encoded.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw invalid("the path has an invalid percent escape");
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c > 0x7f) {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < encoded.length()) {
                    utf8 = encoded.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(utf8);
            } else {
                bytes.write(c);
            }
        }
        try {
            // The JDK's decoder rejects overlong forms and lone surrogates when asked to report them.
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw invalid("the path is not valid percent-encoded UTF-8");
        }
    }

    private static MailException.InvalidInput invalid(String message) {
        return new MailException.InvalidInput("path", message);
    }

    /** Whether this is the root collection. */
    boolean isRoot() {
        return segments.isEmpty();
    }

    /** The last segment; empty for the root. */
    String leaf() {
        return segments.isEmpty() ? "" : segments.get(segments.size() - 1);
    }

    /** The enclosing path; the root for the root. */
    DavPath parent() {
        return segments.isEmpty() ? this : new DavPath(segments.subList(0, segments.size() - 1));
    }

    /** The path one level deeper. */
    DavPath child(String segment) {
        List<String> more = new ArrayList<>(segments);
        more.add(segment);
        return new DavPath(more);
    }

    /** Whether this path is {@code other} or lies below it. */
    boolean isWithin(DavPath other) {
        return segments.size() >= other.segments.size()
                && segments.subList(0, other.segments.size()).equals(other.segments);
    }

    /** The decoded form with {@code /} separators, starting with {@code /}. */
    String decoded() {
        return "/" + String.join("/", segments);
    }

    /** The percent-encoded form (UTF-8), starting with {@code /}; with a trailing slash for collections. */
    String encoded(boolean collection) {
        StringBuilder sb = new StringBuilder();
        for (String s : segments) {
            sb.append('/');
            encodeSegment(s, sb);
        }
        if (collection || segments.isEmpty()) {
            sb.append('/');
        }
        return sb.toString();
    }

    private static void encodeSegment(String segment, StringBuilder sb) {
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || UNRESERVED.indexOf(c) >= 0)) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
    }

    @Override
    public String toString() {
        return decoded();
    }
}

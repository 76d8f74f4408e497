package org.lemongate.mapping.imap;

import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParameterList;

import org.eclipse.angus.mail.imap.protocol.BODYSTRUCTURE;
import org.lemongate.mapping.MimePart;

/** Converts IMAP BODYSTRUCTURE into the domain's MIME tree, with IMAP part specifiers as part ids. */
final class StructureReader {

    /** Refuses absurdly deep structures (a hostile message) rather than recursing without bound. */
    private static final int MAX_DEPTH = 50;

    private StructureReader() {
    }

    /** The MIME tree of a message: a multipart root gets id "", a single-part message's body is part "1". */
    static MimePart read(BODYSTRUCTURE bs) {
        return bs.isMulti() ? convert(bs, "", 0) : convert(bs, "1", 0);
    }

    private static MimePart convert(BODYSTRUCTURE bs, String id, int depth) {
        List<MimePart> children = new ArrayList<>();
        if (bs.isMulti() && bs.bodies != null && depth < MAX_DEPTH) {
            for (int i = 0; i < bs.bodies.length; i++) {
                String childId = id.isEmpty() ? Integer.toString(i + 1) : id + "." + (i + 1);
                children.add(convert(bs.bodies[i], childId, depth + 1));
            }
        }
        return new MimePart(id, contentType(bs), param(bs.cParams, "charset"), filename(bs),
                nonNull(bs.disposition, ""), nonNull(bs.encoding, "7bit"), Math.max(0, bs.size),
                Optional.ofNullable(bs.id).map(String::strip), children);
    }

    /**
     * Whether the tree {@link #read} makes holds a part that {@link MimePart#isAttachment} calls an attachment,
     * found without building the tree: message lists ask this of every message and show nothing else of it.
     */
    static boolean hasAttachment(BODYSTRUCTURE bs) {
        return hasAttachment(bs, 0);
    }

    private static boolean hasAttachment(BODYSTRUCTURE bs, int depth) {
        if (bs.isMulti() && bs.bodies != null && depth < MAX_DEPTH) {
            for (BODYSTRUCTURE child : bs.bodies) {
                if (hasAttachment(child, depth + 1)) {
                    return true;
                }
            }
        }
        boolean named = bs.disposition != null && bs.disposition.toLowerCase(Locale.ROOT).equals("attachment")
                || filename(bs).isPresent();
        return named && !contentType(bs).startsWith("multipart/");
    }

    private static String contentType(BODYSTRUCTURE bs) {
        return (nonNull(bs.type, "text") + "/" + nonNull(bs.subtype, "plain")).toLowerCase(Locale.ROOT);
    }

    private static Optional<String> filename(BODYSTRUCTURE bs) {
        Optional<String> name = param(bs.dParams, "filename");
        if (name.isEmpty()) {
            name = param(bs.cParams, "name");
        }
        return name.map(StructureReader::decodeWords).map(StructureReader::safeFilename).filter(n -> !n.isEmpty());
    }

    private static Optional<String> param(ParameterList params, String name) {
        if (params == null) {
            return Optional.empty();
        }
        String v = params.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    /** RFC 2047 encoded words, which many mailers put in file names although RFC 2231 is the standard. */
    static String decodeWords(String s) {
        if (!s.contains("=?")) {
            return s;
        }
        try {
            return MimeUtility.decodeText(s);
        } catch (UnsupportedEncodingException e) {
            return s;
        }
    }

    /** Keeps the last path element and drops control characters: a file name must not address a directory. */
    private static String safeFilename(String name) {
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder b = new StringBuilder(base.length());
        base.codePoints().filter(cp -> cp >= 0x20 && cp != 0x7f).forEach(b::appendCodePoint);
        return b.toString().strip();
    }

    private static String nonNull(String s, String fallback) {
        return s == null || s.isEmpty() ? fallback : s;
    }
}

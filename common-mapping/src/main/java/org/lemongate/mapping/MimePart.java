package org.lemongate.mapping;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One node of a message's MIME tree, as IMAP BODYSTRUCTURE describes it.
 *
 * @param partId      the IMAP part specifier ({@code 1}, {@code 1.2}, ...); {@code ""} for the root of a
 *                    multipart message, which IMAP cannot fetch as a part of its own
 * @param contentType lower-case {@code type/subtype}
 * @param charset     the charset parameter, when given
 * @param filename    the decoded file name from Content-Disposition or Content-Type, when given
 * @param disposition {@code inline}, {@code attachment}, or empty
 * @param encoding    the Content-Transfer-Encoding in lower case ({@code 7bit} when absent)
 * @param size        the size of the part's body as stored, before decoding (for base64 about 4/3 of the decoded size)
 * @param contentId   the Content-ID, when given
 * @param children    sub-parts of a multipart part; empty otherwise
 */
public record MimePart(String partId, String contentType, Optional<String> charset, Optional<String> filename,
                       String disposition, String encoding, long size, Optional<String> contentId,
                       List<MimePart> children) {

    public MimePart {
        Objects.requireNonNull(partId, "partId");
        contentType = Objects.requireNonNull(contentType, "contentType").toLowerCase(Locale.ROOT);
        Objects.requireNonNull(charset, "charset");
        Objects.requireNonNull(filename, "filename");
        disposition = disposition == null ? "" : disposition.toLowerCase(Locale.ROOT);
        encoding = encoding == null || encoding.isEmpty() ? "7bit" : encoding.toLowerCase(Locale.ROOT);
        Objects.requireNonNull(contentId, "contentId");
        children = List.copyOf(children);
    }

    /** Whether this part is a container (multipart/*). */
    public boolean isMultipart() {
        return contentType.startsWith("multipart/");
    }

    /** Whether a mail client would show this part as an attachment. */
    public boolean isAttachment() {
        return !isMultipart() && (disposition.equals("attachment") || filename.isPresent());
    }

    /** This part and all parts below it, depth first. */
    public List<MimePart> flatten() {
        List<MimePart> all = new java.util.ArrayList<>();
        collect(this, all);
        return all;
    }

    private static void collect(MimePart p, List<MimePart> into) {
        into.add(p);
        for (MimePart c : p.children) {
            collect(c, into);
        }
    }

    /** Finds the part with the given id in this subtree. */
    public Optional<MimePart> find(String id) {
        if (partId.equals(id)) {
            return Optional.of(this);
        }
        for (MimePart c : children) {
            Optional<MimePart> hit = c.find(id);
            if (hit.isPresent()) {
                return hit;
            }
        }
        return Optional.empty();
    }
}

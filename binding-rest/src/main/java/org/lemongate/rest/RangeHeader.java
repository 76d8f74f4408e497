package org.lemongate.rest;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

import org.lemongate.mapping.ByteRange;
import org.lemongate.mapping.MailException;

/**
 * The one byte range of an HTTP {@code Range} header (RFC 9110 section 14.1.2) this API serves:
 * {@code bytes=first-last}, {@code bytes=first-} or the suffix form {@code bytes=-length}. Only the suffix form
 * needs the content's size before the content is opened; the others go to IMAP as they are, and the content's
 * own size decides between 206 and 416.
 */
final class RangeHeader {

    private static final int MAX_HEADER = 200;

    private final OptionalLong first;
    private final long last;

    private RangeHeader(OptionalLong first, long last) {
        this.first = first;
        this.last = last;
    }

    /**
     * The range a header asks for, or empty to serve everything: when there is no header, or it asks for several
     * ranges (which this API answers with the whole content rather than multipart).
     *
     * @throws MailException.InvalidInput with field {@code Range} when the header is malformed
     */
    static Optional<RangeHeader> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String h = header.strip();
        if (h.length() > MAX_HEADER || !h.startsWith("bytes=")) {
            throw malformed(header);
        }
        String spec = h.substring("bytes=".length()).strip();
        if (spec.indexOf(',') >= 0) {
            return Optional.empty();
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            throw malformed(header);
        }
        OptionalLong first = number(spec.substring(0, dash).strip(), header);
        OptionalLong last = number(spec.substring(dash + 1).strip(), header);
        if (first.isEmpty() && (last.isEmpty() || last.getAsLong() == 0)
                || first.isPresent() && last.isPresent() && last.getAsLong() < first.getAsLong()) {
            throw malformed(header);
        }
        return Optional.of(new RangeHeader(first, last.orElse(-1)));
    }

    /** Whether the size must be known first: {@code bytes=-length}. */
    boolean isSuffix() {
        return first.isEmpty();
    }

    /**
     * The bytes to read.
     *
     * @param size the content's size; asked only for a suffix range
     * @throws MailException.InvalidInput with field {@code range} for a suffix of empty content (HTTP 416)
     */
    ByteRange bytes(LongSupplier size) {
        if (first.isPresent()) {
            return last < 0 ? ByteRange.from(first.getAsLong()) : new ByteRange(first.getAsLong(), OptionalLong.of(last));
        }
        long total = size.getAsLong();
        if (total == 0) {
            throw new MailException.InvalidInput("range", "the content is empty");
        }
        long length = Math.min(last, total);
        return ByteRange.of(total - length, length);
    }

    private static OptionalLong number(String digits, String header) {
        if (digits.isEmpty()) {
            return OptionalLong.empty();
        }
        if (digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw malformed(header);
        }
        return OptionalLong.of(Long.parseLong(digits));
    }

    private static MailException.InvalidInput malformed(String header) {
        String shown = header.length() > 60 ? header.substring(0, 60) + "..." : header;
        return new MailException.InvalidInput("Range", "the Range header '" + shown
                + "' is not of the form bytes=first-last, bytes=first- or bytes=-length");
    }
}

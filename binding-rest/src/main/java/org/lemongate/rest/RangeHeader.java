package org.lemongate.rest;

import java.util.Optional;
import java.util.OptionalLong;

import org.lemongate.mapping.ByteRange;
import org.lemongate.mapping.MailException;

/**
 * The one byte range of an HTTP {@code Range} header (RFC 9110 section 14.1.2) this API serves:
 * {@code bytes=first-last}, {@code bytes=first-} or the suffix form {@code bytes=-length}.
 */
final class RangeHeader {

    private static final int MAX_HEADER = 200;

    private RangeHeader() {
    }

    /**
     * The range to serve from content of {@code total} bytes, or empty to serve all of it: when there is no header,
     * or it asks for several ranges (which this API answers with the whole content rather than multipart).
     *
     * @throws MailException.InvalidInput with field {@code Range} when the header is malformed
     * @throws Unsatisfiable              when the range lies wholly past the end
     */
    static Optional<ByteRange> parse(String header, long total) {
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
        if (first.isEmpty()) {
            if (last.isEmpty() || last.getAsLong() == 0) {
                throw malformed(header);
            }
            if (total == 0) {
                throw new Unsatisfiable(total);
            }
            long length = Math.min(last.getAsLong(), total);
            return Optional.of(ByteRange.of(total - length, length));
        }
        if (last.isPresent() && last.getAsLong() < first.getAsLong()) {
            throw malformed(header);
        }
        if (first.getAsLong() >= total) {
            throw new Unsatisfiable(total);
        }
        return Optional.of(new ByteRange(first.getAsLong(), last));
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

    /** A range that starts at or past the end of the content: HTTP 416. */
    static final class Unsatisfiable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final long total;

        Unsatisfiable(long total) {
            super("range not satisfiable", null, false, false);
            this.total = total;
        }

        /** The size of the whole content, for {@code Content-Range: bytes *}{@code /total}. */
        long total() {
            return total;
        }
    }
}

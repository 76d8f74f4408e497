package org.lemongate.webdav;

import java.util.Optional;

import org.lemongate.mapping.ByteRange;

/**
 * A GET's {@code Range} header (RFC 9110 section 14), for one range of bytes. What it cannot serve as one range it
 * ignores, as the RFC allows: the client then gets the whole message with 200.
 */
final class RangeHeader {

    /** What to send. */
    sealed interface Selection permits Whole, Part, Unsatisfiable {
    }

    /** The whole content, 200. */
    record Whole() implements Selection {
    }

    /** One range, 206. */
    record Part(long first, long last) implements Selection {
        ByteRange range() {
            return ByteRange.of(first, last - first + 1);
        }

        long length() {
            return last - first + 1;
        }
    }

    /** A range wholly past the end, 416. */
    record Unsatisfiable() implements Selection {
    }

    private static final int MAX_HEADER = 200;

    private RangeHeader() {
    }

    /**
     * @param range   the Range header, or null
     * @param ifRange the If-Range header, or null
     * @param etag    the current strong ETag
     * @param size    the content's size in bytes
     */
    static Selection select(String range, String ifRange, String etag, long size) {
        if (range == null || range.length() > MAX_HEADER || ifRange != null && !ifRange.strip().equals(etag)) {
            return new Whole();
        }
        String r = range.strip();
        if (!r.regionMatches(true, 0, "bytes=", 0, 6) || r.indexOf(',') >= 0) {
            return new Whole();
        }
        String spec = r.substring(6).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new Whole();
        }
        Optional<Long> first = number(spec.substring(0, dash));
        Optional<Long> last = number(spec.substring(dash + 1));
        if (first.isEmpty()) {
            // A suffix range: the last n bytes.
            if (last.isEmpty() || !spec.substring(0, dash).isEmpty()) {
                return new Whole();
            }
            if (last.get() == 0 || size == 0) {
                return new Unsatisfiable();
            }
            return new Part(Math.max(0, size - last.get()), size - 1);
        }
        if (!spec.substring(dash + 1).isEmpty() && last.isEmpty() || last.isPresent() && last.get() < first.get()) {
            return new Whole();
        }
        if (first.get() >= size) {
            return new Unsatisfiable();
        }
        return new Part(first.get(), Math.min(last.orElse(size - 1), size - 1));
    }

    private static Optional<Long> number(String digits) {
        String d = digits.strip();
        if (d.isEmpty() || d.length() > 18 || !d.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(d));
    }
}

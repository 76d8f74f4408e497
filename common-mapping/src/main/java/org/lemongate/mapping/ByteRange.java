package org.lemongate.mapping;

import java.util.OptionalLong;

/**
 * A range of bytes to read, as in HTTP {@code Range: bytes=first-last}: {@code first} inclusive, {@code last}
 * inclusive when present, else to the end.
 *
 * @param first the first byte offset, from 0
 * @param last  the last byte offset, inclusive; empty means to the end
 */
public record ByteRange(long first, OptionalLong last) {

    /** Everything. */
    public static final ByteRange ALL = new ByteRange(0, OptionalLong.empty());

    public ByteRange {
        if (first < 0) {
            throw new MailException.InvalidInput("range", "range start " + first + " is negative");
        }
        if (last.isPresent() && last.getAsLong() < first) {
            throw new MailException.InvalidInput("range",
                    "range end " + last.getAsLong() + " lies before range start " + first);
        }
    }

    /** The bytes from {@code first} to the end. */
    public static ByteRange from(long first) {
        return new ByteRange(first, OptionalLong.empty());
    }

    /** {@code length} bytes from {@code first}. */
    public static ByteRange of(long first, long length) {
        if (length < 1) {
            throw new MailException.InvalidInput("range", "range length must be at least 1, was " + length);
        }
        return new ByteRange(first, OptionalLong.of(first + length - 1));
    }

    /** Whether this is the whole content. */
    public boolean isAll() {
        return first == 0 && last.isEmpty();
    }

    /**
     * The number of bytes this range selects in content of {@code total} bytes.
     *
     * @throws MailException.InvalidInput when the range starts at or past the end (HTTP 416)
     */
    public long lengthWithin(long total) {
        if (first >= total && !(total == 0 && first == 0)) {
            throw new MailException.InvalidInput("range",
                    "range starts at byte " + first + " but the content has only " + total + " bytes");
        }
        long end = Math.min(last.orElse(total - 1), total - 1);
        return Math.max(0, end - first + 1);
    }
}

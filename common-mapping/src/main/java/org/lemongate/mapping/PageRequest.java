package org.lemongate.mapping;

import java.util.Objects;
import java.util.Optional;

/**
 * Which page of a message list to return.
 *
 * @param size   how many messages, 1 .. {@link #MAX_SIZE}
 * @param order  the listing order
 * @param cursor where the previous page ended; empty for the first page
 */
public record PageRequest(int size, SortOrder order, Optional<Cursor> cursor) {

    /** The largest page the mapping layer serves. */
    public static final int MAX_SIZE = 500;
    /** The page size used when a client does not ask for one. */
    public static final int DEFAULT_SIZE = 50;

    public PageRequest {
        if (size < 1 || size > MAX_SIZE) {
            throw new MailException.InvalidInput("pageSize",
                    "page size must be between 1 and " + MAX_SIZE + ", was " + size);
        }
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(cursor, "cursor");
        if (cursor.isPresent() && cursor.get().order() != order) {
            throw new MailException.InvalidInput("cursor", "the cursor belongs to a listing in another order");
        }
    }

    /** The first page of the given size, newest first. */
    public static PageRequest first(int size) {
        return new PageRequest(size, SortOrder.NEWEST_FIRST, Optional.empty());
    }

    /** The page after {@code cursor}, keeping the cursor's order. */
    public static PageRequest after(int size, Cursor cursor) {
        return new PageRequest(size, cursor.order(), Optional.of(cursor));
    }
}

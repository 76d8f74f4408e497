package org.lemongate.mapping;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a listing.
 *
 * @param items the items, in listing order
 * @param next  the cursor of the following page; empty on the last page
 * @param total how many items the whole listing holds now
 * @param <T>   the item type
 */
public record Page<T>(List<T> items, Optional<Cursor> next, int total) {

    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(next, "next");
    }
}

package org.lemongate.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.lemongate.mapping.contract.MailAssertions.assertInvalid;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageRequestTest {

    @Test
    void firstPageIsNewestFirst() {
        PageRequest first = PageRequest.first(PageRequest.DEFAULT_SIZE);
        assertEquals(SortOrder.NEWEST_FIRST, first.order());
        assertEquals(Optional.empty(), first.cursor());
        assertEquals(PageRequest.DEFAULT_SIZE, first.size());
    }

    @Test
    void nextPageKeepsTheCursorsOrder() {
        Cursor cursor = new Cursor(7, SortOrder.OLDEST_FIRST, Instant.EPOCH, 3, 0);
        PageRequest next = PageRequest.after(10, cursor);
        assertEquals(SortOrder.OLDEST_FIRST, next.order());
        assertEquals(Optional.of(cursor), next.cursor());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 50, PageRequest.MAX_SIZE})
    void acceptsSizesWithinBounds(int size) {
        assertEquals(size, PageRequest.first(size).size());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, PageRequest.MAX_SIZE + 1, 1_000_000, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void refusesSizesOutOfBounds(int size) {
        assertInvalid("pageSize", () -> PageRequest.first(size));
    }

    @Test
    void refusesACursorOfTheOtherOrder() {
        Cursor oldest = new Cursor(7, SortOrder.OLDEST_FIRST, Instant.EPOCH, 3, 0);
        assertInvalid("cursor", () -> new PageRequest(10, SortOrder.NEWEST_FIRST, Optional.of(oldest)));
    }
}

package org.lemongate.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lemongate.mapping.contract.MailAssertions.assertInvalid;

import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void describesHttpStyleRanges() {
        assertTrue(ByteRange.ALL.isAll());
        assertEquals(new ByteRange(10, OptionalLong.of(19)), ByteRange.of(10, 10));
        assertEquals(new ByteRange(5, OptionalLong.empty()), ByteRange.from(5));
        assertFalse(ByteRange.from(1).isAll());
        assertFalse(ByteRange.of(0, 1).isAll());
    }

    @Test
    void measuresTheSelectionWithinContent() {
        assertEquals(100, ByteRange.ALL.lengthWithin(100));
        assertEquals(10, ByteRange.of(0, 10).lengthWithin(100));
        assertEquals(10, ByteRange.of(45, 10).lengthWithin(100), "middle");
        assertEquals(40, ByteRange.from(60).lengthWithin(100), "to the end");
        assertEquals(1, ByteRange.from(99).lengthWithin(100), "the last byte");
        assertEquals(5, ByteRange.of(95, 1000).lengthWithin(100), "an end past the content is cut off");
        assertEquals(0, ByteRange.ALL.lengthWithin(0), "empty content, whole range");
    }

    @Test
    void refusesStartsAtOrPastTheEnd() {
        assertInvalid("range", () -> ByteRange.from(100).lengthWithin(100));
        assertInvalid("range", () -> ByteRange.of(500, 10).lengthWithin(100));
        assertInvalid("range", () -> ByteRange.from(1).lengthWithin(0));
    }

    @Test
    void refusesMalformedRanges() {
        assertInvalid("range", () -> ByteRange.from(-1));
        assertInvalid("range", () -> new ByteRange(10, OptionalLong.of(9)));
        assertInvalid("range", () -> ByteRange.of(0, 0));
        assertInvalid("range", () -> ByteRange.of(0, -5));
    }
}

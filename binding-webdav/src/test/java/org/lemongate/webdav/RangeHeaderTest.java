package org.lemongate.webdav;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RangeHeaderTest {

    private static final String ETAG = "\"7-3\"";

    private static RangeHeader.Selection select(String range) {
        return RangeHeader.select(range, null, ETAG, 100);
    }

    @Test
    void boundedOpenAndSuffixRanges() {
        assertEquals(new RangeHeader.Part(0, 9), select("bytes=0-9"));
        assertEquals(new RangeHeader.Part(90, 99), select("bytes=90-"));
        assertEquals(new RangeHeader.Part(95, 99), select("bytes=-5"));
        assertEquals(new RangeHeader.Part(0, 99), select("bytes=-500"));
        assertEquals(new RangeHeader.Part(50, 99), select("bytes=50-1000"));
    }

    @Test
    void rangesStartingPastTheEndAreUnsatisfiable() {
        assertEquals(new RangeHeader.Unsatisfiable(), select("bytes=100-"));
        assertEquals(new RangeHeader.Unsatisfiable(), select("bytes=100-200"));
        assertEquals(new RangeHeader.Unsatisfiable(), select("bytes=-0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"items=0-9", "bytes=9-0", "bytes=a-b", "bytes=0-1,5-6", "bytes=", "bytes=-", "bytes=1",
            "bytes=--5", "bytes=99999999999999999999-"})
    void anythingElseMeansTheWholeContent(String range) {
        assertEquals(new RangeHeader.Whole(), select(range));
    }

    @Test
    void ifRangeAppliesTheRangeOnlyForTheCurrentEtag() {
        assertEquals(new RangeHeader.Part(0, 9), RangeHeader.select("bytes=0-9", ETAG, ETAG, 100));
        assertEquals(new RangeHeader.Whole(), RangeHeader.select("bytes=0-9", "\"7-2\"", ETAG, 100));
        assertEquals(new RangeHeader.Whole(),
                RangeHeader.select("bytes=0-9", "Mon, 02 Nov 2026 08:05:09 GMT", ETAG, 100));
    }
}

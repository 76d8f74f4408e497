package org.lemongate.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class HttpDateTest {

    @Test
    void writesTheImfFixdateWithATwoDigitDay() {
        assertEquals("Tue, 01 Dec 2026 08:05:09 GMT",
                HttpDate.format(Instant.parse("2026-12-01T08:05:09Z").getEpochSecond()));
        assertEquals("Tue, 29 Feb 2028 23:59:59 GMT",
                HttpDate.format(Instant.parse("2028-02-29T23:59:59Z").getEpochSecond()));
    }
}

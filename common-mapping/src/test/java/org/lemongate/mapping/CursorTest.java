package org.lemongate.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lemongate.mapping.contract.MailAssertions.assertInvalid;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CursorTest {

    private static final Cursor CURSOR = new Cursor(1_700_000_000L, SortOrder.NEWEST_FIRST,
            Instant.parse("2026-03-04T05:06:07.890Z"), 4711, 0xCAFEBABE);

    @Test
    void roundTripsThroughItsToken() {
        assertEquals(CURSOR, Cursor.parse(CURSOR.token()));
        Cursor oldest = new Cursor(1, SortOrder.OLDEST_FIRST, Instant.EPOCH, MessageRef.MAX_UINT32, 0);
        assertEquals(oldest, Cursor.parse(oldest.token()));
        assertEquals(CURSOR.token(), CURSOR.toString());
    }

    @Test
    void tokenIsUrlSafe() {
        assertTrue(CURSOR.token().matches("[A-Za-z0-9_-]+"), CURSOR.token());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "not a token", "c1", "%%%", "YzE6MTox"})
    void refusesGarbage(String token) {
        assertInvalid("cursor", () -> Cursor.parse(token));
    }

    @Test
    void refusesMissingAndOverlongTokens() {
        assertInvalid("cursor", () -> Cursor.parse(null));
        assertInvalid("cursor", () -> Cursor.parse("A".repeat(5000)));
    }

    @Test
    void refusesTamperedTokens() {
        String plain = decode(CURSOR.token());
        assertInvalid("cursor", () -> Cursor.parse(encode(plain.replace("c1:", "c2:"))));
        assertInvalid("cursor", () -> Cursor.parse(encode(plain.replace("NEWEST_FIRST", "SIDEWAYS"))));
        assertInvalid("cursor", () -> Cursor.parse(encode(plain.replace("1700000000", "abc"))));
        assertInvalid("cursor", () -> Cursor.parse(encode(plain + ":extra")));
        assertInvalid("cursor", () -> Cursor.parse(encode(plain.substring(0, plain.lastIndexOf(':')))));
        assertInvalid("cursor", () -> Cursor.parse(encode(plain.replace("cafebabe", "zz"))));
        assertInvalid("cursor", () -> Cursor.parse(CURSOR.token() + "!"));
    }

    /** A client must learn that its cursor is bad, not that some "uid" it never sent is out of range. */
    @ParameterizedTest
    @ValueSource(strings = {":-4711:", ":0:", ":4294967296:"})
    void refusesTamperedNumbersAsABadCursor(String uid) {
        String tampered = encode(decode(CURSOR.token()).replace(":4711:", uid));
        assertInvalid("cursor", () -> Cursor.parse(tampered));
    }

    @Test
    void refusesIncompleteCursors() {
        assertInvalid("cursor", () -> new Cursor(1, null, Instant.EPOCH, 1, 0));
        assertInvalid("cursor", () -> new Cursor(1, SortOrder.NEWEST_FIRST, null, 1, 0));
    }

    private static String decode(String token) {
        return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
    }

    private static String encode(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }
}

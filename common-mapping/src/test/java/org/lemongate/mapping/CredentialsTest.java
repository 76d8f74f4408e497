package org.lemongate.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lemongate.mapping.contract.MailAssertions.assertFails;
import static org.lemongate.mapping.contract.MailAssertions.assertInvalid;

import org.junit.jupiter.api.Test;

class CredentialsTest {

    private static final String SECRET = "s3cr3t-Pässwörd";

    @Test
    void toStringHidesTheSecret() {
        Credentials c = Credentials.password("ann", SECRET, "127.0.0.9");
        String shown = c.toString();
        assertFalse(shown.contains(SECRET), shown);
        assertFalse(shown.contains("s3cr3t"), shown);
        assertTrue(shown.contains("ann"), shown);
        assertTrue(shown.contains("127.0.0.9"), shown);
    }

    @Test
    void poolKeyDependsOnUserAndSecretButRevealsNeither() {
        String key = Credentials.password("ann", SECRET, "").poolKey();
        assertTrue(key.matches("[0-9a-f]{64}"), key);
        assertEquals(key, Credentials.password("ann", SECRET, "127.0.0.2").poolKey(), "address does not matter");
        assertNotEquals(key, Credentials.password("ann", SECRET + "x", "").poolKey());
        assertNotEquals(key, Credentials.password("bob", SECRET, "").poolKey());
        assertNotEquals(Credentials.password("ab", "c", "").poolKey(), Credentials.password("a", "bc", "").poolKey(),
                "user and secret are separated, not concatenated");
    }

    @Test
    void poolKeyIsHashedOncePerCredentials() {
        Credentials c = Credentials.password("ann", SECRET, "");
        assertSame(c.poolKey(), c.poolKey(), "a request's three or four pool look-ups hash the secret once");
    }

    @Test
    void equalityIsThatOfTheFourValues() {
        Credentials c = Credentials.password("ann", SECRET, "127.0.0.1");
        Credentials same = Credentials.password("ann", SECRET, "127.0.0.1");
        c.poolKey();
        assertEquals(c, same, "a key already computed does not count");
        assertEquals(c.hashCode(), same.hashCode());
        assertNotEquals(c, Credentials.password("ann", SECRET + "x", "127.0.0.1"));
        assertNotEquals(c, Credentials.password("bob", SECRET, "127.0.0.1"));
        assertNotEquals(c, Credentials.password("ann", SECRET, "127.0.0.2"));
        assertNotEquals(c, new Credentials("ann", SECRET, Credentials.Kind.BEARER, "127.0.0.1"));
    }

    @Test
    void missingClientAddressBecomesEmpty() {
        assertEquals("", Credentials.password("ann", SECRET, null).clientAddress());
    }

    @Test
    void refusesEmptyOrInjectedSecrets() {
        assertFails(MailException.AuthFailed.class, () -> Credentials.password("ann", "", ""));
        assertFails(MailException.AuthFailed.class, () -> Credentials.password("ann", null, ""));
        assertFails(MailException.AuthFailed.class, () -> Credentials.password("ann", "pw\r\nA1 LOGOUT", ""));
        assertFails(MailException.AuthFailed.class, () -> Credentials.password("ann", "pw\u0000", ""));
        assertFails(MailException.AuthFailed.class,
                () -> Credentials.password("ann", "x".repeat(Credentials.MAX_SECRET + 1), ""));
        assertEquals(Credentials.MAX_SECRET,
                Credentials.password("ann", "x".repeat(Credentials.MAX_SECRET), "").secret().length());
    }

    @Test
    void refusesEmptyOrInjectedUsers() {
        assertFails(MailException.AuthFailed.class, () -> Credentials.password("", SECRET, ""));
        assertInvalid("user", () -> Credentials.password("ann\r\nA1 LOGOUT", SECRET, ""));
        assertInvalid("user", () -> Credentials.password(null, SECRET, ""));
        assertInvalid("user", () -> Credentials.password("u".repeat(Credentials.MAX_USER + 1), SECRET, ""));
    }
}

package org.lemongate.mapping.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.function.Executable;
import org.lemongate.mapping.MailException;

/** Assertions on the mapping layer's typed failures, shared by the value-type tests and the contract. */
public final class MailAssertions {

    private MailAssertions() {
    }

    /** Asserts that {@code call} is refused as invalid input naming {@code field}, with a message a user can read. */
    public static MailException.InvalidInput assertInvalid(String field, Executable call) {
        MailException.InvalidInput e = assertThrows(MailException.InvalidInput.class, call);
        assertEquals(field, e.field(), () -> "rejected field for: " + e.getMessage());
        assertReadable(e);
        return e;
    }

    /** Asserts that {@code call} fails with exactly the failure type {@code type}, carrying a readable message. */
    public static <T extends MailException> T assertFails(Class<T> type, Executable call) {
        T e = assertThrows(type, call);
        assertReadable(e);
        return e;
    }

    private static void assertReadable(MailException e) {
        assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "the failure explains itself");
        assertFalse(e.getMessage().contains("\n"), () -> "one line, no stack or protocol dump: " + e.getMessage());
    }
}

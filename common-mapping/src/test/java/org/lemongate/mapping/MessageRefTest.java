package org.lemongate.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.lemongate.mapping.contract.MailAssertions.assertInvalid;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageRefTest {

    private static final MailboxName BOX = MailboxName.of("Archive/Été 2026");

    @Test
    void localIdRoundTrips() {
        MessageRef ref = MessageRef.of(BOX, 1_700_000_000L, 42);
        assertEquals("1700000000.42", ref.localId());
        assertEquals(ref, MessageRef.parseLocalId(BOX, ref.localId()));
    }

    @Test
    void acceptsTheWholeUnsigned32BitRange() {
        assertEquals(MessageRef.of(BOX, 1, 1), MessageRef.parseLocalId(BOX, "1.1"));
        MessageRef max = MessageRef.parseLocalId(BOX, "4294967295.4294967295");
        assertEquals(MessageRef.MAX_UINT32, max.uidValidity());
        assertEquals(MessageRef.MAX_UINT32, max.uid());
    }

    @Test
    void refusesNumbersOutsideTheUnsigned32BitRange() {
        assertInvalid("uid", () -> MessageRef.of(BOX, 1, 0));
        assertInvalid("uid", () -> MessageRef.of(BOX, 1, -1));
        assertInvalid("uid", () -> MessageRef.of(BOX, 1, MessageRef.MAX_UINT32 + 1));
        assertInvalid("uidValidity", () -> MessageRef.of(BOX, 0, 1));
        assertInvalid("uidValidity", () -> MessageRef.of(BOX, MessageRef.MAX_UINT32 + 1, 1));
        assertInvalid("uid", () -> MessageRef.parseLocalId(BOX, "1.0"));
        assertInvalid("uid", () -> MessageRef.parseLocalId(BOX, "1.4294967296"));
        assertInvalid("uidValidity", () -> MessageRef.parseLocalId(BOX, "0.5"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12", ".12", "12.", "1.2.3", "a.b", "1.-2", "+1.2", "1 .2", "1.2\r\n", "0x1.2",
            "99999999999.1", "1.99999999999", "１.２"})
    void refusesMalformedLocalIds(String id) {
        assertInvalid("id", () -> MessageRef.parseLocalId(BOX, id));
    }

    @Test
    void refusesMissingLocalIdAndOverlongText() {
        assertInvalid("id", () -> MessageRef.parseLocalId(BOX, null));
        assertInvalid("id", () -> MessageRef.parseLocalId(BOX, "1".repeat(11) + "." + "1".repeat(11)));
    }
}

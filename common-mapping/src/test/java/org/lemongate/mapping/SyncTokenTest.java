package org.lemongate.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lemongate.mapping.contract.MailAssertions.assertInvalid;

import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class SyncTokenTest {

    private static final MailboxName BOX = MailboxName.of("Archive/Été 2026");

    @Test
    void modSeqTokensRoundTripAndStayShort() {
        SyncToken t = SyncToken.ofModSeq(BOX, 1_700_000_000L, 4711, 123_456_789_012L);
        String text = t.token();
        assertTrue(text.matches("[A-Za-z0-9_-]+") && text.length() < 100, text);
        assertEquals(t, SyncToken.parse(text));
        assertTrue(t.usesModSeq());
    }

    @Test
    void stateTokensRoundTripWithFlagsAndKeywords() {
        SortedMap<Long, Flags> states = new TreeMap<>();
        for (long uid = 1; uid <= 300; uid++) {
            states.put(uid * 2, uid % 3 == 0 ? Flags.of(List.of(SystemFlag.SEEN), List.of(Keyword.of("$Work")))
                    : Flags.NONE);
        }
        SyncToken t = SyncToken.ofStates(BOX, 42, 601, MessageStates.of(states));
        SyncToken back = SyncToken.parse(t.token());
        assertEquals(states, back.states().orElseThrow().flags().orElseThrow());
        assertTrue(back.states().get().matches(states));
        assertTrue(t.token().length() < 600, "deflated: " + t.token().length());
    }

    @Test
    void tooManyStatesKeepOnlyTheDigest() {
        SortedMap<Long, Flags> states = new TreeMap<>();
        for (long uid = 1; uid <= MessageStates.MAX_TRACKED + 1; uid++) {
            states.put(uid, Flags.NONE);
        }
        SyncToken back = SyncToken.parse(SyncToken.ofStates(BOX, 42, 9000, MessageStates.of(states)).token());
        assertFalse(back.states().orElseThrow().flags().isPresent());
        assertTrue(back.states().get().matches(states));
        states.put(1L, Flags.of(SystemFlag.SEEN));
        assertFalse(back.states().get().matches(states), "a changed flag changes the digest");
    }

    @Test
    void damagedTokensAreRefusedWithAClearMessage() {
        String text = SyncToken.ofModSeq(BOX, 7, 8, 9).token();
        byte[] raw = Base64.getUrlDecoder().decode(text);
        raw[2] ^= 1;
        String damaged = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        MailException.InvalidInput e = assertInvalid("sync_token", () -> SyncToken.parse(damaged));
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
        assertInvalid("sync_token", () -> SyncToken.parse(""));
        assertInvalid("sync_token", () -> SyncToken.parse("a".repeat(7000)));
        assertInvalid("sync_token", () -> SyncToken.parse("!!!"));
        assertInvalid("sync_token", () -> SyncToken.parse(HierarchyToken.of(List.of()).token()));
    }

    @Test
    void aTokenNamesItsMailbox() {
        SyncToken t = SyncToken.ofModSeq(BOX, 7, 8, 9);
        assertEquals(t, t.requireMailbox(BOX));
        assertInvalid("sync_token", () -> t.requireMailbox(MailboxName.INBOX));
    }

    @Test
    void hierarchyChangesTellCreatedFromDeleted() {
        MailboxInfo a = info("A", 1);
        MailboxInfo b = info("B", 2);
        HierarchyToken before = HierarchyToken.parse(HierarchyToken.of(List.of(a, b)).token());
        MailboxInfo bRecreated = info("B", 3);
        MailboxInfo c = info("C", 4);
        HierarchyChanges changes = HierarchyChanges.between(before, List.of(bRecreated, c));
        assertEquals(List.of(bRecreated, c), changes.created());
        assertEquals(List.of(MailboxName.of("A"), MailboxName.of("B")), changes.deleted());
        assertTrue(HierarchyChanges.between(changes.next(), List.of(bRecreated, c)).isEmpty());
    }

    @Test
    void aDigestOnlyHierarchyTokenRequiresResyncOnChange() {
        HierarchyToken coarse = new HierarchyToken(HierarchyToken.of(List.of(info("A", 1))).digest(), Optional.empty());
        assertTrue(HierarchyChanges.between(coarse, List.of(info("A", 1))).isEmpty());
        MailException.ResyncRequired e = org.junit.jupiter.api.Assertions.assertThrows(
                MailException.ResyncRequired.class, () -> HierarchyChanges.between(coarse, List.of(info("B", 1))));
        assertEquals(MailException.ResyncRequired.Reason.NOT_COMPUTABLE, e.reason());
    }

    private static MailboxInfo info(String name, long uidValidity) {
        return new MailboxInfo(MailboxName.of(name), MailboxRole.NONE, true, false, true,
                Optional.of(new MailboxStatus(0, 0, uidValidity, 1, java.util.OptionalLong.empty())));
    }

    @Test
    void flagsOfEveryKindSurviveTheStates() {
        SortedMap<Long, Flags> states = new TreeMap<>();
        states.put(5L, new Flags(Set.of(SystemFlag.values()), Set.of(Keyword.of("a"), Keyword.of("b"))));
        assertEquals(states, SyncToken.parse(SyncToken.ofStates(BOX, 1, 6, MessageStates.of(states)).token())
                .states().orElseThrow().flags().orElseThrow());
    }
}

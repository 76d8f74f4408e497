package org.lemongate.webdav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lemongate.mapping.Flags;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.MessageSummary;

class MessageNamesTest {

    private static MessageSummary message(String subject, long uid, String received) {
        return new MessageSummary(MessageRef.of(MailboxName.INBOX, 7, uid), subject, List.of(), List.of(), List.of(),
                Optional.empty(), Instant.parse(received), 100, Flags.NONE, false, "");
    }

    @Test
    void namesCarryArrivalDaySubjectAndUid() {
        assertEquals("2026-11-30 Quarterly figures [4711].eml",
                MessageNames.name(message("Quarterly figures", 4711, "2026-11-30T23:59:59Z")));
    }

    @Test
    void charactersWindowsForbidsBecomeUnderscoresAndWhitespaceCollapses() {
        assertEquals("2026-01-02 Re_ a_b _c_ _why__ [3].eml",
                MessageNames.name(message("  Re: a/b <c>\t\t\"why?\"  ", 3, "2026-01-02T00:00:00Z")));
    }

    @Test
    void anEmptySubjectStillGivesAReadableName() {
        assertEquals("2026-01-02 (no subject) [9].eml", MessageNames.name(message("", 9, "2026-01-02T10:00:00Z")));
    }

    @Test
    void longSubjectsAreShortened() {
        String name = MessageNames.name(message("x".repeat(500), 1, "2026-01-02T10:00:00Z"));

        assertEquals("2026-01-02 ".length() + MessageNames.MAX_SUBJECT + " [1].eml".length(), name.length());
    }

    @Test
    void theUidIsReadBackFromTheName() {
        String name = MessageNames.name(message("Brackets [12] inside", 4294967295L, "2026-01-02T10:00:00Z"));

        assertEquals(OptionalLong.of(4294967295L), MessageNames.uid(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"notes.txt", "x [].eml", "x [0].eml", "x [012].eml", "x [4294967296].eml", "x [1a].eml",
            "x [1].EML", "x 1].eml", "desktop.ini"})
    void namesOfOtherShapesNameNoMessage(String name) {
        assertTrue(MessageNames.uid(name).isEmpty(), name);
    }
}

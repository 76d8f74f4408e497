package org.lemongate.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lemongate.mapping.contract.MailAssertions.assertInvalid;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MailboxNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"Été 2026", "Reports & Notes", "with space", "Archive/2026/Q1", "日本語/メール", "a"})
    void keepsValidNamesAsGiven(String name) {
        assertEquals(name, MailboxName.of(name).path());
    }

    @Test
    void normalisesToNfc() {
        String decomposed = "E\u0301te\u0301 2026";
        MailboxName name = MailboxName.of(decomposed);
        assertEquals("\u00c9t\u00e9 2026", name.path());
        assertEquals(MailboxName.of("Été 2026"), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"inbox", "Inbox", "iNbOx", "INBOX"})
    void spellsTheInboxInCapitals(String spelling) {
        MailboxName name = MailboxName.of(spelling);
        assertEquals(MailboxName.INBOX, name);
        assertTrue(name.isInbox());
    }

    @Test
    void spellsTheInboxInCapitalsOnlyAtTheTop() {
        assertEquals("INBOX/inbox", MailboxName.of("inbox/inbox").path());
        assertFalse(MailboxName.of("Archive/inbox").isInbox());
        assertEquals("Archive/inbox", MailboxName.of("Archive/inbox").path());
        assertFalse(MailboxName.of("Inboxes").isInbox());
    }

    @Test
    void navigatesTheHierarchy() {
        MailboxName name = MailboxName.of("Projects/2026/Q1");
        assertEquals(List.of("Projects", "2026", "Q1"), name.segments());
        assertEquals("Q1", name.leaf());
        assertEquals(Optional.of(MailboxName.of("Projects/2026")), name.parent());
        assertEquals(Optional.empty(), MailboxName.of("Projects").parent());
        assertEquals(name, MailboxName.of("Projects/2026").child("Q1"));
        assertEquals(name, MailboxName.ofSegments(List.of("Projects", "2026", "Q1")));
        assertTrue(MailboxName.of("Projects").contains(name));
        assertTrue(name.contains(name));
        assertFalse(MailboxName.of("Project").contains(name), "a prefix that is not a whole level");
        assertFalse(name.contains(MailboxName.of("Projects")));
    }

    @Test
    void refusesEmptyNames() {
        assertInvalid("mailbox", () -> MailboxName.of(""));
        assertInvalid("mailbox", () -> MailboxName.of(null));
        assertInvalid("mailbox", () -> MailboxName.ofSegments(List.of()));
    }

    @Test
    void refusesOverlongNames() {
        String longest = "y".repeat(200) + "/" + "y".repeat(199);
        assertEquals(MailboxName.MAX_LENGTH, MailboxName.of(longest).path().length());
        assertInvalid("mailbox", () -> MailboxName.of(longest + "y"));
        String longestLevel = "x".repeat(MailboxName.MAX_SEGMENT_LENGTH);
        assertEquals(longestLevel, MailboxName.of(longestLevel).leaf());
        assertInvalid("mailbox", () -> MailboxName.of(longestLevel + "x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\rb", "a\nb", "a\u0000b", "tab\there", "del\u007f", "esc\u001b"})
    void refusesControlCharacters(String name) {
        assertInvalid("mailbox", () -> MailboxName.of(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "Arch*", "50%", "a/%/b"})
    void refusesImapWildcards(String name) {
        assertInvalid("mailbox", () -> MailboxName.of(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "a/../b", "a/./b", "a//b", "//", "/a", "a/", " lead", "trail ", "a/ b"})
    void refusesPathTricksAndEmptyLevels(String name) {
        assertInvalid("mailbox", () -> MailboxName.of(name));
    }

    @Test
    void refusesSlashInsideALevel() {
        assertInvalid("mailbox", () -> MailboxName.of("a").child("b/c"));
        assertInvalid("mailbox", () -> MailboxName.ofSegments(List.of("a", "b/c")));
    }
}

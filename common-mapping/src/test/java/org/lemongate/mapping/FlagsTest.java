package org.lemongate.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lemongate.mapping.contract.MailAssertions.assertInvalid;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Flags, system flags and flag changes. */
class FlagsTest {

    private static final Keyword PROJECT = Keyword.of("project-x");

    @Test
    void holdsSystemFlagsAndKeywords() {
        Flags flags = Flags.of(List.of(SystemFlag.SEEN, SystemFlag.FLAGGED), List.of(PROJECT));
        assertTrue(flags.has(SystemFlag.SEEN));
        assertTrue(flags.has(SystemFlag.FLAGGED));
        assertFalse(flags.has(SystemFlag.DELETED));
        assertEquals(Set.of(PROJECT), flags.keywords());
        assertFalse(flags.isEmpty());
        assertTrue(Flags.NONE.isEmpty());
        assertEquals(Flags.of(SystemFlag.FLAGGED, SystemFlag.SEEN), new Flags(Set.of(SystemFlag.SEEN,
                SystemFlag.FLAGGED), Set.of()), "equality ignores order");
    }

    @Test
    void isImmutableAndDetachedFromItsArguments() {
        Set<SystemFlag> system = EnumSet.of(SystemFlag.SEEN);
        Set<Keyword> keywords = new HashSet<>(Set.of(PROJECT));
        Flags flags = new Flags(system, keywords);
        system.add(SystemFlag.DELETED);
        keywords.clear();
        assertEquals(Set.of(SystemFlag.SEEN), flags.system());
        assertEquals(Set.of(PROJECT), flags.keywords());
        assertThrows(UnsupportedOperationException.class, () -> flags.system().add(SystemFlag.DRAFT));
        assertThrows(UnsupportedOperationException.class, () -> flags.keywords().add(Keyword.of("x")));
    }

    @Test
    void parsesSystemFlagsInEitherSpelling() {
        assertEquals(Optional.of(SystemFlag.SEEN), SystemFlag.parse("\\Seen"));
        assertEquals(Optional.of(SystemFlag.SEEN), SystemFlag.parse("seen"));
        assertEquals(Optional.of(SystemFlag.DRAFT), SystemFlag.parse("\\DRAFT"));
        assertEquals(Optional.empty(), SystemFlag.parse("\\Recent"));
        assertEquals(Optional.empty(), SystemFlag.parse("\\Custom"));
        assertEquals(Optional.empty(), SystemFlag.parse(null));
        for (SystemFlag f : SystemFlag.values()) {
            assertEquals(Optional.of(f), SystemFlag.parse(f.imapName()));
        }
    }

    @Test
    void flagChangeAddsAndRemoves() {
        FlagChange change = new FlagChange(Flags.of(SystemFlag.SEEN), new Flags(Set.of(), Set.of(PROJECT)));
        assertEquals(Flags.of(SystemFlag.SEEN), change.add());
        assertEquals(Set.of(PROJECT), change.remove().keywords());
        assertEquals(Flags.NONE, FlagChange.adding(Flags.of(SystemFlag.FLAGGED)).remove());
        assertEquals(Flags.NONE, FlagChange.removing(Flags.of(SystemFlag.FLAGGED)).add());
    }

    @Test
    void flagChangeRefusesNothingToDo() {
        assertInvalid("flags", () -> new FlagChange(Flags.NONE, Flags.NONE));
    }

    @Test
    void flagChangeRefusesAddingAndRemovingTheSameFlag() {
        assertInvalid("flags", () -> new FlagChange(Flags.of(SystemFlag.SEEN, SystemFlag.DRAFT),
                Flags.of(SystemFlag.SEEN)));
        Flags keyword = new Flags(Set.of(), Set.of(PROJECT));
        assertInvalid("flags", () -> new FlagChange(keyword, keyword));
    }
}

package org.lemongate.webdav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.lemongate.mapping.MailException;

class IfHeaderTest {

    private static final String LOCK = "urn:uuid:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    private static final IfHeader.State LOCKED = new IfHeader.State(Set.of(LOCK), Optional.of("\"7-3\""));
    private static final IfHeader.State UNLOCKED = new IfHeader.State(Set.of(), Optional.of("\"7-3\""));

    private static boolean holds(String header, IfHeader.State state) {
        return IfHeader.parse(header).holds(tag -> tag == null ? Optional.of(state) : Optional.empty());
    }

    @Test
    void aTokenHoldsOnlyWhenItsLockCoversTheResource() {
        assertTrue(holds("(<" + LOCK + ">)", LOCKED));
        assertFalse(holds("(<" + LOCK + ">)", UNLOCKED));
        assertFalse(holds("(<opaquelocktoken:nobody-issued-this>)", LOCKED), "an unknown token fails, it is no 400");
    }

    @Test
    void notEntityTagsAndAlternativeListsCombine() {
        assertTrue(holds("(Not <DAV:no-lock>)", UNLOCKED));
        assertTrue(holds("(<DAV:no-lock>) ([\"7-3\"])", UNLOCKED), "the second list holds");
        assertFalse(holds("(<" + LOCK + "> [\"7-4\"])", LOCKED), "every condition of a list must hold");
        assertTrue(holds("(<" + LOCK + "> [\"7-3\"])", LOCKED));
        assertTrue(holds("(not [\"1-1\"])", LOCKED));
    }

    @Test
    void taggedListsApplyToTheResourceTheyName() {
        IfHeader header = IfHeader.parse("<http://h/dav/a> (<" + LOCK + ">) </dav/b> ([\"1-1\"])");
        Map<String, IfHeader.State> states = Map.of("http://h/dav/a", UNLOCKED,
                "/dav/b", new IfHeader.State(Set.of(), Optional.of("\"1-1\"")));

        assertTrue(header.holds(tag -> Optional.ofNullable(states.get(tag))));
        assertFalse(header.holds(tag -> Optional.empty()), "a tag naming nothing cannot hold");
        assertEquals(List.of(LOCK), header.tokens());
    }

    @Test
    void malformedHeadersAreInvalidInput() {
        for (String bad : List.of("", "<x>", "()", "(<a>", "(Not)", "(a)", "(<a>) <b> (<c>)", "x(<a>)",
                "(" + "<a>".repeat(6000) + ")")) {
            assertThrows(MailException.InvalidInput.class, () -> IfHeader.parse(bad), bad);
        }
    }
}

package org.lemongate.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.lemongate.mapping.contract.MailAssertions.assertInvalid;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class KeywordTest {

    @ParameterizedTest
    @ValueSource(strings = {"$Forwarded", "$MDNSent", "project-x", "Junk", "a", "NonJunk", "$label1"})
    void acceptsImapAtoms(String name) {
        assertEquals(name, Keyword.of(name).name());
        assertEquals(name, Keyword.of(name).toString());
    }

    @Test
    void acceptsUpToTheLengthLimit() {
        assertEquals(Keyword.MAX_LENGTH, Keyword.of("k".repeat(Keyword.MAX_LENGTH)).name().length());
        assertInvalid("keyword", () -> Keyword.of("k".repeat(Keyword.MAX_LENGTH + 1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "two words", "\\Seen", "\\Custom", "a(b", "a)b", "a{b", "a%b", "a*b", "a\"b",
            "a\\b", "a]b", "crlf\r\n", "nul\u0000", "tab\t", "été", "日本"})
    void refusesWhatIsNotAnAtom(String name) {
        assertInvalid("keyword", () -> Keyword.of(name));
    }

    @Test
    void refusesMissingKeyword() {
        assertInvalid("keyword", () -> Keyword.of(null));
    }
}

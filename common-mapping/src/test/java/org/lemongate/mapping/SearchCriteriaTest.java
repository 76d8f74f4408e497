package org.lemongate.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lemongate.mapping.contract.MailAssertions.assertInvalid;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SearchCriteriaTest {

    @Test
    void emptyBuilderMatchesAll() {
        assertTrue(SearchCriteria.builder().build().matchesAll());
        assertFalse(SearchCriteria.builder().subject("report").build().matchesAll());
    }

    @Test
    void keepsEveryCondition() {
        Instant since = Instant.parse("2026-01-01T00:00:00Z");
        Instant before = Instant.parse("2026-02-01T00:00:00Z");
        SearchCriteria c = SearchCriteria.builder().text("budget").from("ann@").to("bob@").subject("Été")
                .since(since).before(before).withFlags(Flags.of(SystemFlag.SEEN))
                .withoutFlags(Flags.of(SystemFlag.DELETED)).minSize(10).maxSize(20).build();
        assertEquals(Optional.of("budget"), c.text());
        assertEquals(Optional.of("ann@"), c.from());
        assertEquals(Optional.of("bob@"), c.to());
        assertEquals(Optional.of("Été"), c.subject());
        assertEquals(Optional.of(since), c.since());
        assertEquals(Optional.of(before), c.before());
        assertEquals(10, c.minSize().getAsLong());
        assertEquals(20, c.maxSize().getAsLong());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\rb", "a\nb", "x\r\nA1 DELETE INBOX", "nul\u0000"})
    void refusesLineBreaksAndControlsInEveryTextCondition(String value) {
        assertInvalid("text", () -> SearchCriteria.builder().text(value).build());
        assertInvalid("from", () -> SearchCriteria.builder().from(value).build());
        assertInvalid("to", () -> SearchCriteria.builder().to(value).build());
        assertInvalid("subject", () -> SearchCriteria.builder().subject(value).build());
    }

    @Test
    void refusesBlankAndOverlongText() {
        assertInvalid("subject", () -> SearchCriteria.builder().subject("   ").build());
        assertInvalid("text", () -> SearchCriteria.builder().text("").build());
        assertInvalid("text", () -> SearchCriteria.builder().text("x".repeat(SearchCriteria.MAX_TEXT + 1)).build());
        assertEquals(SearchCriteria.MAX_TEXT,
                SearchCriteria.builder().text("x".repeat(SearchCriteria.MAX_TEXT)).build().text().get().length());
    }

    @Test
    void refusesContradictions() {
        assertInvalid("minSize", () -> SearchCriteria.builder().minSize(-1).build());
        assertInvalid("maxSize", () -> SearchCriteria.builder().maxSize(-1).build());
        assertInvalid("minSize", () -> SearchCriteria.builder().minSize(20).maxSize(10).build());
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        assertInvalid("since", () -> SearchCriteria.builder().since(t).before(t).build());
        assertInvalid("flags", () -> SearchCriteria.builder().withFlags(Flags.of(SystemFlag.SEEN))
                .withoutFlags(Flags.of(SystemFlag.SEEN)).build());
    }
}

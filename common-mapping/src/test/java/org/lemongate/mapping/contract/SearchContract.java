package org.lemongate.mapping.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.lemongate.mapping.Flags;
import org.lemongate.mapping.Keyword;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageSummary;
import org.lemongate.mapping.Page;
import org.lemongate.mapping.PageRequest;
import org.lemongate.mapping.SearchCriteria;
import org.lemongate.mapping.SystemFlag;

/** Search conditions, each alone and combined, against four sample messages weeks apart. */
public interface SearchContract {

    /** quarterly-plain.eml: ann to bob, 320 bytes, "pineapple", \Seen, arrived 5 January. */
    String QUARTERLY = "Quarterly numbers";
    /** weekly-digest.eml: news to dave, 8293 bytes, \Flagged, arrived 10 February. */
    String DIGEST = "Weekly digest";
    /** trip-reply.eml: carol to ann, 381 bytes, keyword project-x, arrived 15 March. */
    String TRIP = "Re: Trip to the coast";
    /** budget-multipart.eml: ann to bob, 5424 bytes, no flags, arrived 20 April. */
    String BUDGET = "Budget Été 2026";

    MailBackend backend();

    @Test
    default void searchesByFromAndTo() {
        assumeFalse(backend().has(MailBackend.Quirk.NO_ADDRESS_SEARCH), "the server cannot search addresses");
        TestUser user = seeded();
        assertEquals(Set.of(TRIP), search(user, SearchCriteria.builder().from("carol")));
        assertEquals(Set.of(QUARTERLY, BUDGET), search(user, SearchCriteria.builder().from("ann@example.org")));
        assertEquals(Set.of(DIGEST), search(user, SearchCriteria.builder().to("dave")));
        assertEquals(Set.of(BUDGET), search(user, SearchCriteria.builder().from("ann").minSize(1000)));
    }

    @Test
    default void searchesByTextAndSubject() {
        TestUser user = seeded();
        assertEquals(Set.of(QUARTERLY), search(user, SearchCriteria.builder().text("pineapple")));
        assertEquals(Set.of(DIGEST), search(user, SearchCriteria.builder().subject("DIGEST")));
        assertEquals(Set.of(), search(user, SearchCriteria.builder().subject("no such subject")));
    }

    @Test
    default void searchesByArrivalDate() {
        TestUser user = seeded();
        assertEquals(Set.of(TRIP, BUDGET), search(user, SearchCriteria.builder().since(day("2026-03-01"))));
        assertEquals(Set.of(QUARTERLY), search(user, SearchCriteria.builder().before(day("2026-02-01"))));
        assertEquals(Set.of(DIGEST, TRIP),
                search(user, SearchCriteria.builder().since(day("2026-02-01")).before(day("2026-04-01"))));
    }

    @Test
    default void searchesByFlagsAndKeywords() {
        TestUser user = seeded();
        assertEquals(Set.of(QUARTERLY), search(user, SearchCriteria.builder().withFlags(Flags.of(SystemFlag.SEEN))));
        assertEquals(Set.of(DIGEST, TRIP, BUDGET),
                search(user, SearchCriteria.builder().withoutFlags(Flags.of(SystemFlag.SEEN))));
        assertEquals(Set.of(TRIP), search(user, SearchCriteria.builder()
                .withFlags(new Flags(Set.of(), Set.of(Keyword.of("project-x"))))));
        assertEquals(Set.of(DIGEST), search(user, SearchCriteria.builder()
                .withFlags(Flags.of(SystemFlag.FLAGGED)).withoutFlags(Flags.of(SystemFlag.SEEN))));
    }

    @Test
    default void searchesBySizeAndCombinedConditions() {
        TestUser user = seeded();
        assertEquals(Set.of(DIGEST, BUDGET), search(user, SearchCriteria.builder().minSize(5000)));
        assertEquals(Set.of(QUARTERLY, TRIP), search(user, SearchCriteria.builder().maxSize(1000)));
        assertEquals(Set.of(BUDGET), search(user, SearchCriteria.builder().minSize(1000).maxSize(6000)));
        assertEquals(Set.of(DIGEST), search(user, SearchCriteria.builder().minSize(1000)
                .withFlags(Flags.of(SystemFlag.FLAGGED))));
    }

    @Test
    default void searchesNonAsciiText() {
        assumeFalse(backend().has(MailBackend.Quirk.NO_NON_ASCII_SEARCH), "the server cannot search non-ASCII text");
        TestUser user = seeded();
        assertEquals(Set.of(BUDGET), search(user, SearchCriteria.builder().subject("Été")));
        assertEquals(Set.of(TRIP), search(user, SearchCriteria.builder().from("Müller")));
    }

    private TestUser seeded() {
        TestUser user = TestUser.create(backend());
        MailboxName box = MailboxName.INBOX;
        user.seed(box, Samples.bytes(Samples.QUARTERLY), day("2026-01-05").plusSeconds(43_200), "\\Seen");
        user.seed(box, Samples.bytes(Samples.DIGEST), day("2026-02-10").plusSeconds(43_200), "\\Flagged");
        user.seed(box, Samples.bytes(Samples.TRIP), day("2026-03-15").plusSeconds(43_200), "project-x");
        user.seed(box, Samples.bytes(Samples.BUDGET), day("2026-04-20").plusSeconds(43_200));
        return user;
    }

    private static Set<String> search(TestUser user, SearchCriteria.Builder criteria) {
        Page<MessageSummary> page = user.account().listMessages(MailboxName.INBOX, criteria.build(),
                PageRequest.first(50));
        assertEquals(page.items().size(), page.total(), "total counts the matches");
        return page.items().stream().map(MessageSummary::subject).collect(Collectors.toSet());
    }

    private static Instant day(String isoDate) {
        return Instant.parse(isoDate + "T00:00:00Z");
    }
}

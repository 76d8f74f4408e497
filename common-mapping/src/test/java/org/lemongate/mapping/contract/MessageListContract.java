package org.lemongate.mapping.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lemongate.mapping.contract.MailAssertions.assertFails;
import static org.lemongate.mapping.contract.MailAssertions.assertInvalid;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.lemongate.mapping.Address;
import org.lemongate.mapping.Cursor;
import org.lemongate.mapping.Keyword;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.MessageSummary;
import org.lemongate.mapping.Page;
import org.lemongate.mapping.PageRequest;
import org.lemongate.mapping.SearchCriteria;
import org.lemongate.mapping.SortOrder;
import org.lemongate.mapping.SystemFlag;

/** Paged listings with cursors, and message summaries. */
public interface MessageListContract {

    MailBackend backend();

    @Test
    default void pagesNewestFirstWithACursorUntilTheEnd() {
        TestUser user = TestUser.create(backend());
        user.seedNotes(MailboxName.INBOX, "note", 7, Samples.EPOCH);
        List<List<String>> pages = pageThrough(user, MailboxName.INBOX, PageRequest.first(3), 7);
        assertEquals(List.of(List.of("note 6", "note 5", "note 4"), List.of("note 3", "note 2", "note 1"),
                List.of("note 0")), pages);
    }

    @Test
    default void pagesOldestFirstOnRequest() {
        TestUser user = TestUser.create(backend());
        user.seedNotes(MailboxName.INBOX, "note", 5, Samples.EPOCH);
        List<List<String>> pages = pageThrough(user, MailboxName.INBOX,
                new PageRequest(2, SortOrder.OLDEST_FIRST, Optional.empty()), 5);
        assertEquals(List.of(List.of("note 0", "note 1"), List.of("note 2", "note 3"), List.of("note 4")), pages);
    }

    @Test
    default void cursorNeitherSkipsNorRepeatsWhileMailArrivesAndVanishes() {
        TestUser user = TestUser.create(backend());
        List<MessageRef> notes = user.seedNotes(MailboxName.INBOX, "note", 9, Samples.EPOCH);
        Page<MessageSummary> first = user.account().listMessages(MailboxName.INBOX, SearchCriteria.ALL,
                PageRequest.first(3));
        assertEquals(List.of("note 8", "note 7", "note 6"), subjects(first));

        user.seedNotes(MailboxName.INBOX, "late", 2, Samples.EPOCH.plus(Duration.ofDays(1)));
        try (ImapSession imap = user.imap()) {
            imap.expunge(notes.get(7));
            imap.expunge(notes.get(4));
        }
        List<List<String>> rest = pageThrough(user, MailboxName.INBOX, PageRequest.after(3, first.next().orElseThrow()),
                9);
        assertEquals(List.of("note 5", "note 3", "note 2", "note 1", "note 0"),
                rest.stream().flatMap(List::stream).toList(), "each older message exactly once, none newer");
        assertEquals(List.of(List.of("note 5", "note 3", "note 2"), List.of("note 1", "note 0")), rest,
                "only the last page is short");
    }

    @Test
    default void oldestFirstCursorPicksUpMailThatArrivedMeanwhileExactlyOnce() {
        TestUser user = TestUser.create(backend());
        List<MessageRef> notes = user.seedNotes(MailboxName.INBOX, "note", 4, Samples.EPOCH);
        PageRequest oldestFirst = new PageRequest(2, SortOrder.OLDEST_FIRST, Optional.empty());
        Page<MessageSummary> first = user.account().listMessages(MailboxName.INBOX, SearchCriteria.ALL, oldestFirst);
        assertEquals(List.of("note 0", "note 1"), subjects(first));
        user.seedNotes(MailboxName.INBOX, "late", 1, Samples.EPOCH.plus(Duration.ofDays(1)));
        try (ImapSession imap = user.imap()) {
            imap.expunge(notes.get(2));
        }
        List<List<String>> rest = pageThrough(user, MailboxName.INBOX, PageRequest.after(2, first.next().orElseThrow()),
                4);
        assertEquals(List.of("note 3", "late 0"), rest.stream().flatMap(List::stream).toList());
    }

    /** The gateway's pooled connections must not serve a stale view of a mailbox another client changed. */
    @Test
    default void seesMailThatAnotherClientAddedOrRemoved() {
        TestUser user = TestUser.create(backend());
        List<MessageRef> notes = user.seedNotes(MailboxName.INBOX, "note", 2, Samples.EPOCH);
        assertEquals(2, user.account().listMessages(MailboxName.INBOX, SearchCriteria.ALL, PageRequest.first(10))
                .total());
        assertEquals("note 0", user.account().summary(notes.get(0)).subject());
        MessageRef added = user.seedNotes(MailboxName.INBOX, "added", 1, Samples.EPOCH).get(0);
        try (ImapSession imap = user.imap()) {
            imap.expunge(notes.get(0));
        }
        assertEquals("added 0", user.account().summary(added).subject());
        assertFails(MailException.NotFound.class, () -> user.account().summary(notes.get(0)));
        Page<MessageSummary> now = user.account().listMessages(MailboxName.INBOX, SearchCriteria.ALL,
                PageRequest.first(10));
        assertEquals(Set.of("note 1", "added 0"), new HashSet<>(subjects(now)));
        assertEquals(2, now.total());
        assertEquals(2, user.account().mailbox(MailboxName.INBOX).status().orElseThrow().messages());
    }

    @Test
    default void refusesACursorFromAnotherListing() {
        TestUser user = TestUser.create(backend());
        MailboxName other = MailboxName.of("Other");
        user.account().createMailbox(other);
        user.seedNotes(MailboxName.INBOX, "note", 3, Samples.EPOCH);
        Cursor cursor = user.account().listMessages(MailboxName.INBOX, SearchCriteria.ALL, PageRequest.first(1))
                .next().orElseThrow();
        assertInvalid("cursor", () -> user.account().listMessages(other, SearchCriteria.ALL,
                PageRequest.after(1, cursor)));
        assertInvalid("cursor", () -> user.account().listMessages(MailboxName.INBOX,
                SearchCriteria.builder().subject("note").build(), PageRequest.after(1, cursor)));
    }

    @Test
    default void summarisesHeadersFlagsSizeAndAttachments() {
        TestUser user = TestUser.create(backend());
        Instant arrived = Instant.parse("2026-03-05T08:09:10Z");
        MessageRef budget = user.seed(MailboxName.INBOX, Samples.bytes(Samples.BUDGET), arrived, "\\Flagged",
                "project-x");
        MessageSummary s = user.account().summary(budget);
        assertEquals(budget, s.ref());
        assertEquals("Budget Été 2026", s.subject());
        assertEquals(List.of(new Address("Ann Example", "ann@example.org")), s.from());
        assertEquals(List.of(new Address("Bob Example", "bob@example.org")), s.to());
        assertEquals(List.of(new Address("Carol", "carol@example.org")), s.cc());
        assertEquals(Optional.of(Instant.parse("2026-03-03T09:15:00Z")), s.sentDate());
        assertEquals(arrived, s.receivedDate());
        if (!backend().has(MailBackend.Quirk.INEXACT_SIZES)) {
            assertEquals(Samples.bytes(Samples.BUDGET).length, s.size());
        }
        assertTrue(s.flags().has(SystemFlag.FLAGGED));
        assertFalse(s.flags().has(SystemFlag.SEEN));
        assertEquals(Set.of(Keyword.of("project-x")), s.flags().keywords());
        assertTrue(s.hasAttachments());
        assertEquals("budget-2026@example.org", s.messageId().replaceAll("^<|>$", ""));

        MessageRef trip = user.seed(MailboxName.INBOX, Samples.bytes(Samples.TRIP), arrived);
        MessageSummary t = user.account().summary(trip);
        assertEquals(List.of(new Address("Carol Müller", "carol@example.org")), t.from());
        assertFalse(t.hasAttachments());
        List<MessageSummary> listed = user.account().listMessages(MailboxName.INBOX, SearchCriteria.ALL,
                PageRequest.first(10)).items();
        assertEquals(Set.of(s, t), new HashSet<>(listed), "a listing shows the same summaries");
    }

    /** Follows the cursors from {@code first} to the end; checks totals and that the last page says so. */
    private List<List<String>> pageThrough(TestUser user, MailboxName box, PageRequest first, int total) {
        List<List<String>> pages = new ArrayList<>();
        PageRequest request = first;
        while (true) {
            Page<MessageSummary> page = user.account().listMessages(box, SearchCriteria.ALL, request);
            assertEquals(total, page.total());
            pages.add(subjects(page));
            if (page.next().isEmpty()) {
                return pages;
            }
            assertTrue(pages.size() < 100, "the cursor never ends");
            request = PageRequest.after(first.size(), page.next().get());
        }
    }

    private static List<String> subjects(Page<MessageSummary> page) {
        return page.items().stream().map(MessageSummary::subject).toList();
    }
}

package org.lemongate.mapping.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lemongate.mapping.contract.MailAssertions.assertFails;
import static org.lemongate.mapping.contract.MailAssertions.assertInvalid;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.lemongate.mapping.ChangeSignal;
import org.lemongate.mapping.ChangedMessage;
import org.lemongate.mapping.Changes;
import org.lemongate.mapping.HierarchyChanges;
import org.lemongate.mapping.HierarchyToken;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxInfo;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.MessageSummary;
import org.lemongate.mapping.Subscription;
import org.lemongate.mapping.SyncToken;
import org.lemongate.mapping.SystemFlag;

/** Sync tokens, changes since a token, mailbox-list changes and the watcher's signals. */
public interface ChangeTrackingContract {

    MailBackend backend();

    @Test
    default void newMessagesArriveOnceInUidOrder() {
        TestUser user = TestUser.create(backend());
        SyncToken start = user.account().syncToken(MailboxName.INBOX);
        List<MessageRef> seeded = user.seedNotes(MailboxName.INBOX, "news", 3, Samples.EPOCH);

        Changes first = user.account().changesSince(MailboxName.INBOX, SyncToken.parse(start.token()), 100);
        assertEquals(seeded, first.added().stream().map(MessageSummary::ref).toList());
        assertEquals("news 0", first.added().get(0).subject());
        assertTrue(first.changed().isEmpty() && first.vanished().isEmpty(), first.toString());
        assertFalse(first.more());

        Changes again = user.account().changesSince(MailboxName.INBOX, SyncToken.parse(first.next().token()), 100);
        assertTrue(again.isEmpty(), "nothing is reported twice: " + again);
        assertFalse(again.more());
    }

    @Test
    default void flagChangesAndExpungesArrive() {
        TestUser user = TestUser.create(backend());
        List<MessageRef> seeded = user.seedNotes(MailboxName.INBOX, "old", 3, Samples.EPOCH);
        SyncToken start = user.account().syncToken(MailboxName.INBOX);
        addFlags(user, List.of(seeded.get(0)), "\\Flagged $Work");
        try (ImapSession imap = user.imap()) {
            imap.expunge(seeded.get(1));
        }

        Changes changes = user.account().changesSince(MailboxName.INBOX, start, 100);
        assertTrue(changes.added().isEmpty(), changes.toString());
        assertEquals(List.of(seeded.get(1)), changes.vanished());
        assertEquals(1, changes.changed().size(), changes.toString());
        ChangedMessage changed = changes.changed().get(0);
        assertEquals(seeded.get(0), changed.ref());
        assertTrue(changed.flags().has(SystemFlag.FLAGGED));
        assertEquals("$Work", changed.flags().keywords().iterator().next().name());
        assertTrue(user.account().changesSince(MailboxName.INBOX, changes.next(), 100).isEmpty());
    }

    @Test
    default void pagesEndAnywhereAndResumeWithoutGapsOrRepeats() {
        TestUser user = TestUser.create(backend());
        List<MessageRef> old = user.seedNotes(MailboxName.INBOX, "old", 3, Samples.EPOCH);
        SyncToken token = user.account().syncToken(MailboxName.INBOX);
        addFlags(user, old, "\\Seen");
        List<MessageRef> fresh = user.seedNotes(MailboxName.INBOX, "new", 4, Samples.EPOCH.plusSeconds(3600));

        List<MessageRef> changed = new ArrayList<>();
        List<MessageRef> added = new ArrayList<>();
        int pages = 0;
        Changes page;
        do {
            page = user.account().changesSince(MailboxName.INBOX, SyncToken.parse(token.token()), 2);
            assertTrue(page.added().size() + page.changed().size() <= 2, page.toString());
            page.changed().forEach(c -> changed.add(c.ref()));
            page.added().forEach(a -> added.add(a.ref()));
            token = page.next();
            pages++;
        } while (page.more() && pages < 10);
        assertEquals(old, changed.stream().sorted(java.util.Comparator.comparingLong(MessageRef::uid)).toList());
        assertEquals(fresh, added);
        assertTrue(pages >= 4, "7 changes in pages of 2 take 4 pages, took " + pages);
        assertTrue(user.account().changesSince(MailboxName.INBOX, token, 2).isEmpty());
    }

    @Test
    default void recreatedMailboxRequiresResync() {
        TestUser user = TestUser.create(backend());
        MailboxName box = MailboxName.of("Projects");
        user.createDirectly(box);
        SyncToken token = user.account().syncToken(box);
        backend().recreateMailbox(user.credentials(), box);
        MailException.ResyncRequired e = assertFails(MailException.ResyncRequired.class,
                () -> user.account().changesSince(box, token, 10));
        assertEquals(MailException.ResyncRequired.Reason.UIDVALIDITY_CHANGED, e.reason());
        assertEquals(org.lemongate.mapping.ErrorCode.STALE_STATE, e.code());
    }

    @Test
    default void damagedOrForeignTokensAreRefused() {
        TestUser user = TestUser.create(backend());
        String token = user.account().syncToken(MailboxName.INBOX).token();
        assertTrue(token.matches("[A-Za-z0-9_-]+"), "URL-safe: " + token);
        char flipped = token.charAt(token.length() / 2) == 'A' ? 'B' : 'A';
        String damaged = token.substring(0, token.length() / 2) + flipped + token.substring(token.length() / 2 + 1);
        assertInvalid("sync_token", () -> SyncToken.parse(damaged));
        assertInvalid("sync_token", () -> SyncToken.parse("not-a-token"));
        assertInvalid("sync_token", () -> SyncToken.parse(user.account().hierarchyToken().token()));
        user.createDirectly(MailboxName.of("Other"));
        SyncToken inbox = SyncToken.parse(token);
        assertInvalid("sync_token", () -> user.account().changesSince(MailboxName.of("Other"), inbox, 10));
        assertInvalid("maxChanges", () -> user.account().changesSince(MailboxName.INBOX, inbox, 0));
    }

    @Test
    default void mailboxListChangesArrive() {
        TestUser user = TestUser.create(backend());
        user.createDirectly(MailboxName.of("Before"));
        user.createDirectly(MailboxName.of("Doomed"));
        HierarchyToken token = HierarchyToken.parse(user.account().hierarchyToken().token());
        user.account().createMailbox(MailboxName.of("Fresh"));
        user.account().renameMailbox(MailboxName.of("Before"), MailboxName.of("After"));
        user.account().deleteMailbox(MailboxName.of("Doomed"));

        HierarchyChanges changes = user.account().mailboxChangesSince(token);
        assertEquals(List.of("After", "Fresh"), changes.created().stream().map(MailboxInfo::name)
                .map(MailboxName::path).sorted().toList());
        assertEquals(List.of("Before", "Doomed"), changes.deleted().stream().map(MailboxName::path).sorted().toList());
        assertTrue(user.account().mailboxChangesSince(changes.next()).isEmpty());
    }

    @Test
    default void watcherSignalsNewMailWithinASecond() throws InterruptedException {
        TestUser user = TestUser.create(backend());
        LinkedBlockingQueue<ChangeSignal> signals = new LinkedBlockingQueue<>();
        try (Subscription s = backend().gateway().watch(user.credentials(), MailboxName.INBOX, signals::add)) {
            long start = System.nanoTime();
            user.seedNotes(MailboxName.INBOX, "ping", 1, Samples.EPOCH);
            ChangeSignal signal = signals.poll(5, TimeUnit.SECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(new ChangeSignal(MailboxName.INBOX, ChangeSignal.Kind.CHANGED), signal);
            assertTrue(millis < Duration.ofSeconds(1).toMillis(), "signalled after " + millis + " ms");
        }
    }

    @Test
    default void watchingAMissingMailboxIsRefused() {
        TestUser user = TestUser.create(backend());
        assertFails(MailException.NotFound.class, () -> backend().gateway().watch(user.credentials(),
                MailboxName.of("Nowhere"), s -> { }));
    }

    /** Adds flags behind the gateway's back, one STORE per message. */
    private static void addFlags(TestUser user, List<MessageRef> refs, String flags) {
        try (ImapSession imap = user.imap()) {
            imap.ok("SELECT " + quoted(imap.serverName(MailboxName.INBOX)));
            for (MessageRef ref : refs) {
                imap.ok("UID STORE " + ref.uid() + " +FLAGS (" + flags + ")");
            }
        }
    }

    private static String quoted(String name) {
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

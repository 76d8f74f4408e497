package org.lemongate.mapping.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lemongate.mapping.contract.MailAssertions.assertFails;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.lemongate.mapping.DeleteMode;
import org.lemongate.mapping.ErrorCode;
import org.lemongate.mapping.FlagChange;
import org.lemongate.mapping.Flags;
import org.lemongate.mapping.ItemResult;
import org.lemongate.mapping.Keyword;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.SystemFlag;

/** Operations on many messages at once: flags, copy, move, delete, empty. */
public interface MessageBatchContract {

    MailboxName TARGET = MailboxName.of("Reports & Notes");
    Keyword LABEL = Keyword.of("$label1");

    MailBackend backend();

    @Test
    default void changesSystemFlagsAndKeywordsOnManyMessages() {
        TestUser user = TestUser.create(backend());
        List<MessageRef> refs = user.seedNotes(MailboxName.INBOX, "note", 3, Samples.EPOCH);
        Flags added = Flags.of(List.of(SystemFlag.SEEN, SystemFlag.FLAGGED), List.of(LABEL));
        List<ItemResult<Flags>> set = user.account().changeFlags(refs, FlagChange.adding(added));
        assertEquals(refs, set.stream().map(ItemResult::ref).toList());
        set.forEach(r -> assertEquals(added, r.value().orElseThrow(), r::toString));
        try (ImapSession imap = user.imap()) {
            for (MessageRef ref : refs) {
                String flags = imap.flags(ref);
                assertTrue(flags.contains("\\Seen") && flags.contains("\\Flagged") && flags.contains("$label1"), flags);
            }
        }
        Flags removed = Flags.of(List.of(SystemFlag.FLAGGED), List.of(LABEL));
        List<ItemResult<Flags>> cleared = user.account().changeFlags(refs.subList(0, 2),
                FlagChange.removing(removed));
        cleared.forEach(r -> assertEquals(Flags.of(SystemFlag.SEEN), r.value().orElseThrow(), r::toString));
        assertEquals(Flags.of(SystemFlag.SEEN), user.account().summary(refs.get(0)).flags());
        assertEquals(added, user.account().summary(refs.get(2)).flags(), "untouched");
    }

    @Test
    default void oneMissingMessageFailsOnlyItself() {
        TestUser user = TestUser.create(backend());
        List<MessageRef> refs = new ArrayList<>(user.seedNotes(MailboxName.INBOX, "note", 2, Samples.EPOCH));
        MessageRef missing = MessageRef.of(MailboxName.INBOX, refs.get(0).uidValidity(), refs.get(1).uid() + 500);
        refs.add(1, missing);
        List<ItemResult<Flags>> results = user.account().changeFlags(refs, FlagChange.adding(Flags.of(SystemFlag.SEEN)));
        assertEquals(refs, results.stream().map(ItemResult::ref).toList());
        assertTrue(results.get(0).ok() && results.get(2).ok(), results::toString);
        assertEquals(ErrorCode.NOT_FOUND, results.get(1).error().orElseThrow().code());
        assertEquals(0, user.status(MailboxName.INBOX, "UNSEEN"));
    }

    @Test
    default void refusesEmptyBatchesAndBatchesOverTheItemLimitChangingNothing() {
        TestUser user = TestUser.create(backend());
        MessageRef real = user.seedNotes(MailboxName.INBOX, "note", 1, Samples.EPOCH).get(0);
        int limit = backend().settings().limits().maxBatchItems();
        List<MessageRef> tooMany = new ArrayList<>(List.of(real));
        for (long uid = real.uid() + 1; tooMany.size() <= limit; uid++) {
            tooMany.add(MessageRef.of(MailboxName.INBOX, real.uidValidity(), uid));
        }
        MailException.TooLarge e = assertFails(MailException.TooLarge.class,
                () -> user.account().changeFlags(tooMany, FlagChange.adding(Flags.of(SystemFlag.SEEN))));
        assertEquals(limit, e.limit());
        assertFails(MailException.TooLarge.class, () -> user.account().delete(tooMany, DeleteMode.PERMANENT));
        assertFails(MailException.InvalidInput.class, () -> user.account().copy(List.of(), TARGET));
        assertEquals(Flags.NONE, user.account().summary(real).flags());
        assertEquals(1, user.status(MailboxName.INBOX, "MESSAGES"));
    }

    @Test
    default void copiesManyMessagesReturningReferencesThatResolve() {
        TestUser user = TestUser.create(backend());
        user.account().createMailbox(TARGET);
        List<MessageRef> refs = user.seedNotes(MailboxName.INBOX, "note", 3, Samples.EPOCH);
        List<ItemResult<MessageRef>> copies = user.account().copy(refs, TARGET);
        assertResolveToCopies(user, refs, copies);
        assertEquals(3, user.status(MailboxName.INBOX, "MESSAGES"));
        assertEquals(3, user.status(TARGET, "MESSAGES"));
    }

    @Test
    default void movesManyMessagesReturningReferencesThatResolve() {
        TestUser user = TestUser.create(backend());
        user.account().createMailbox(TARGET);
        List<MessageRef> refs = user.seedNotes(MailboxName.INBOX, "note", 3, Samples.EPOCH);
        List<String> ids = refs.stream().map(r -> user.account().summary(r).messageId()).toList();
        List<ItemResult<MessageRef>> moved = user.account().move(refs, TARGET);
        for (int i = 0; i < refs.size(); i++) {
            MessageRef now = moved.get(i).value().orElseThrow();
            assertEquals(TARGET, now.mailbox());
            assertEquals(ids.get(i), user.account().summary(now).messageId());
            MessageRef gone = refs.get(i);
            assertFails(MailException.NotFound.class, () -> user.account().summary(gone));
        }
        assertEquals(0, user.status(MailboxName.INBOX, "MESSAGES"));
        assertEquals(3, user.status(TARGET, "MESSAGES"));
    }

    @Test
    default void copyAndMoveToAnUnknownMailboxChangeNothing() {
        TestUser user = TestUser.create(backend());
        List<MessageRef> refs = user.seedNotes(MailboxName.INBOX, "note", 2, Samples.EPOCH);
        MailboxName missing = MailboxName.of("Nowhere");
        assertNotFound(() -> user.account().copy(refs, missing));
        assertNotFound(() -> user.account().move(refs, missing));
        assertEquals(2, user.status(MailboxName.INBOX, "MESSAGES"));
    }

    @Test
    default void deletesToTrash() {
        TestUser user = TestUser.create(backend());
        MailboxName trash = MailboxName.of(backend().settings().trashMailbox());
        List<MessageRef> refs = user.seedNotes(MailboxName.INBOX, "note", 3, Samples.EPOCH);
        String id = user.account().summary(refs.get(1)).messageId();
        List<ItemResult<MessageRef>> deleted = user.account().delete(List.of(refs.get(1)), DeleteMode.TO_TRASH);
        MessageRef inTrash = deleted.get(0).value().orElseThrow();
        assertEquals(trash, inTrash.mailbox());
        assertEquals(id, user.account().summary(inTrash).messageId());
        assertFails(MailException.NotFound.class, () -> user.account().summary(refs.get(1)));
        assertEquals(2, user.status(MailboxName.INBOX, "MESSAGES"));

        assertTrue(user.account().delete(List.of(inTrash), DeleteMode.TO_TRASH).get(0).ok());
        assertEquals(0, user.status(trash, "MESSAGES"), "deleting from Trash removes for good");
    }

    @Test
    default void deletesPermanentlyWithoutExpungingOtherDeletedMessages() {
        TestUser user = TestUser.create(backend());
        MessageRef doomed = user.seed(MailboxName.INBOX, Samples.bytes(Samples.QUARTERLY), Samples.EPOCH);
        MessageRef kept = user.seed(MailboxName.INBOX, Samples.bytes(Samples.TRIP), Samples.EPOCH);
        MessageRef markedElsewhere = user.seed(MailboxName.INBOX, Samples.bytes(Samples.DIGEST), Samples.EPOCH,
                "\\Deleted");
        List<ItemResult<MessageRef>> result = user.account().delete(List.of(doomed), DeleteMode.PERMANENT);
        assertTrue(result.get(0).ok(), result::toString);
        assertFails(MailException.NotFound.class, () -> user.account().summary(doomed));
        assertEquals(2, user.status(MailboxName.INBOX, "MESSAGES"));
        assertFalse(user.account().summary(kept).flags().has(SystemFlag.DELETED));
        assertTrue(user.account().summary(markedElsewhere).flags().has(SystemFlag.DELETED),
                "another client's \\Deleted mark stays, unexpunged");
    }

    @Test
    default void emptiesAMailboxForGood() {
        TestUser user = TestUser.create(backend());
        MailboxName box = MailboxName.of("with space");
        user.account().createMailbox(box);
        user.seedNotes(box, "note", 4, Samples.EPOCH);
        assertEquals(4, user.account().emptyMailbox(box));
        assertEquals(0, user.status(box, "MESSAGES"));
        assertEquals(0, user.account().mailbox(box).status().orElseThrow().messages());
        assertEquals(0, user.account().emptyMailbox(box));
        assertFails(MailException.NotFound.class, () -> user.account().emptyMailbox(MailboxName.of("Nowhere")));
    }

    private static void assertResolveToCopies(TestUser user, List<MessageRef> originals,
                                              List<ItemResult<MessageRef>> copies) {
        assertEquals(originals, copies.stream().map(ItemResult::ref).toList());
        Set<Long> uids = new java.util.HashSet<>();
        for (int i = 0; i < originals.size(); i++) {
            MessageRef copy = copies.get(i).value().orElseThrow(() -> new AssertionError("no COPYUID reference"));
            assertEquals(TARGET, copy.mailbox());
            assertTrue(uids.add(copy.uid()), "distinct copies");
            assertEquals(user.account().summary(originals.get(i)).messageId(), user.account().summary(copy).messageId());
        }
    }

    /** Unknown targets fail the whole call or every item, as NotFound either way. */
    private static void assertNotFound(java.util.function.Supplier<List<ItemResult<MessageRef>>> call) {
        try {
            List<ItemResult<MessageRef>> results = call.get();
            results.forEach(r -> assertEquals(ErrorCode.NOT_FOUND, r.error().orElseThrow().code(), r::toString));
        } catch (MailException.NotFound expected) {
            assertFalse(expected.getMessage().isBlank());
        }
    }
}

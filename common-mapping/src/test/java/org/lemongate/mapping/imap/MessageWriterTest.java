package org.lemongate.mapping.imap;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;

import jakarta.mail.MessagingException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lemongate.mapping.DeleteMode;
import org.lemongate.mapping.FlagChange;
import org.lemongate.mapping.Flags;
import org.lemongate.mapping.ItemResult;
import org.lemongate.mapping.Keyword;
import org.lemongate.mapping.Limits;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.MessageSource;
import org.lemongate.mapping.SpooledMessage;
import org.lemongate.mapping.SystemFlag;

class MessageWriterTest {

    @RegisterExtension
    static final GreenMailExtension GREENMAIL = GreenMailAccount.server();

    private static final MailboxName INBOX = MailboxName.INBOX;
    private static final MailboxName ARCHIVE = MailboxName.of("Archive");

    private GreenMailAccount mail;
    private MailAccount account;

    @BeforeEach
    void start() {
        mail = new GreenMailAccount(GREENMAIL);
        account = mail.account;
        mail.createFolder("Archive");
    }

    @AfterEach
    void stop() {
        mail.close();
    }

    private static byte[] raw(StoredMessage m) throws IOException, MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.getMimeMessage().writeTo(out);
        return out.toByteArray();
    }

    private static MailException error(ItemResult<?> r) {
        return r.error().orElseThrow(() -> new AssertionError("expected a failure for " + r.ref()));
    }

    @Test
    void appendStoresTheExactBytesWithFlagsAndDateAndReturnsTheNewReference() throws Exception {
        byte[] text = "From: ann@example.org\r\nSubject: draft\r\n\r\nbody line\r\n".getBytes(UTF_8);
        Instant received = Instant.parse("2026-01-02T03:04:05Z");
        MessageRef ref;
        try (SpooledMessage m = SpooledMessage.of(text)) {
            ref = account.append(ARCHIVE, m, Flags.of(Set.of(SystemFlag.SEEN, SystemFlag.DRAFT),
                    Set.of(Keyword.of("project-x"))), Optional.of(received));
        }
        MailFolder archive = mail.folder("Archive");
        assertEquals(ARCHIVE, ref.mailbox());
        assertEquals(archive.getUidValidity(), ref.uidValidity());
        StoredMessage stored = archive.getMessage(ref.uid());
        assertArrayEquals(text, raw(stored));
        assertTrue(stored.isSet(jakarta.mail.Flags.Flag.SEEN));
        assertTrue(stored.isSet(jakarta.mail.Flags.Flag.DRAFT));
        assertTrue(stored.getFlags().contains("project-x"));
        assertEquals(received, stored.getReceivedDate().toInstant());
    }

    @Test
    void appendStreamsAMessageSpooledToDisk() throws Exception {
        String body = "0123456789abcdef".repeat(64) + "\n";
        byte[] text = ("Subject: big\n\n" + body.repeat(3000)).getBytes(UTF_8);
        try (SpooledMessage m = SpooledMessage.spool(new ByteArrayInputStream(text), 10_000_000, 4096,
                mail.gateway.settings().spoolDirectory())) {
            MessageRef ref = account.append(INBOX, m, Flags.NONE, Optional.empty());
            StoredMessage stored = mail.folder("INBOX").getMessage(ref.uid());
            assertEquals(m.size(), raw(stored).length);
        }
    }

    @Test
    void appendToAMissingMailboxIsNotFoundAndCreatesNothing() {
        MailException e = assertThrows(MailException.NotFound.class, () -> account.append(MailboxName.of("Nowhere"),
                SpooledMessage.of("Subject: x\r\n\r\n".getBytes(UTF_8)), Flags.NONE, Optional.empty()));
        assertTrue(e.getMessage().contains("Nowhere"), e.getMessage());
        assertNull(mail.folder("Nowhere"));
    }

    @Test
    void appendRefusesMoreThanTheUploadLimitBeforeSending() {
        try (GreenMailAccount small = new GreenMailAccount(GREENMAIL, new Limits(500, 20, 1000))) {
            MailException.TooLarge e = assertThrows(MailException.TooLarge.class, () -> small.account.append(INBOX,
                    SpooledMessage.of("Subject: more than twenty bytes\r\n\r\n".getBytes(UTF_8)), Flags.NONE,
                    Optional.empty()));
            assertEquals(20, e.limit());
            assertEquals(0, small.folder("INBOX").getMessageCount());
        }
    }

    @Test
    void aSourceShorterThanAnnouncedIsRefusedBeforeSending() {
        byte[] text = "Subject: short\r\n\r\n".getBytes(UTF_8);
        MailException.InvalidInput e = assertThrows(MailException.InvalidInput.class,
                () -> account.append(INBOX, source(text, text.length + 100), Flags.NONE, Optional.empty()));
        assertEquals("the message has " + text.length + " bytes, not the " + (text.length + 100) + " it announced",
                e.getMessage());
        assertEquals(0, mail.folder("INBOX").getMessageCount());
    }

    @Test
    void aSourceThatShrinksWhileSendingLosesOnlyThatConnection() {
        byte[] full = "Subject: changing\r\n\r\nthe whole body\r\n".getBytes(UTF_8);
        int[] opened = {0};
        MessageSource shrinking = new MessageSource() {
            @Override
            public long size() {
                return full.length;
            }

            @Override
            public InputStream open() {
                // The check reads it whole; the APPEND gets a truncated copy.
                return new ByteArrayInputStream(full, 0, opened[0]++ == 0 ? full.length : 20);
            }
        };
        long discardedBefore = mail.gateway.stats().connectionsDiscarded();
        MailException.InvalidInput e = assertThrows(MailException.InvalidInput.class,
                () -> account.append(INBOX, shrinking, Flags.NONE, Optional.empty()));
        assertTrue(e.getMessage().contains("bytes before the " + full.length + " it announced"), e.getMessage());
        assertEquals(discardedBefore + 1, mail.gateway.stats().connectionsDiscarded());
        assertEquals(0, mail.folder("INBOX").getMessageCount());
        MessageRef ok = account.append(INBOX, source(full, full.length), Flags.NONE, Optional.empty());
        assertEquals(ok.uid(), mail.folder("INBOX").getMessageUids()[0]);
    }

    @Test
    void appendChecksSourcesThatWereNotSpooled() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0};
        MailException.InvalidInput e = assertThrows(MailException.InvalidInput.class,
                () -> account.append(INBOX, source(png, png.length), Flags.NONE, Optional.empty()));
        assertEquals("message", e.field());
        assertEquals(0, mail.folder("INBOX").getMessageCount());
    }

    private static MessageSource source(byte[] bytes, long announced) {
        return new MessageSource() {
            @Override
            public long size() {
                return announced;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }
        };
    }

    @Test
    void changeFlagsAcrossMailboxesKeepsOrderAndReadsFlagsBack() {
        MessageRef a = mail.put("INBOX", "a");
        MessageRef b = mail.put("Archive", "b");
        MessageRef c = mail.put("INBOX", "c");
        MessageRef gone = MessageRef.of(INBOX, a.uidValidity(), 999);
        MessageRef stale = MessageRef.of(INBOX, a.uidValidity() + 1, a.uid());
        mail.folder("INBOX").getMessage(c.uid()).setFlag(jakarta.mail.Flags.Flag.SEEN, true);

        List<ItemResult<Flags>> results = account.changeFlags(List.of(c, gone, b, stale, a),
                new FlagChange(Flags.of(Set.of(SystemFlag.FLAGGED), Set.of(Keyword.of("todo"))),
                        Flags.of(SystemFlag.SEEN)));

        assertEquals(List.of(c, gone, b, stale, a), results.stream().map(ItemResult::ref).toList());
        Flags expected = Flags.of(Set.of(SystemFlag.FLAGGED), Set.of(Keyword.of("todo")));
        assertEquals(expected, results.get(0).value().orElseThrow());
        assertEquals(expected, results.get(2).value().orElseThrow());
        assertEquals(expected, results.get(4).value().orElseThrow());
        assertInstanceOf(MailException.NotFound.class, error(results.get(1)));
        assertInstanceOf(MailException.StaleState.class, error(results.get(3)));
        StoredMessage storedC = mail.folder("INBOX").getMessage(c.uid());
        assertFalse(storedC.isSet(jakarta.mail.Flags.Flag.SEEN));
        assertTrue(storedC.isSet(jakarta.mail.Flags.Flag.FLAGGED));
        assertTrue(mail.folder("Archive").getMessage(b.uid()).getFlags().contains("todo"));
    }

    @Test
    void changeFlagsInAMissingMailboxFailsOnlyThoseMessages() {
        MessageRef a = mail.put("INBOX", "a");
        MessageRef missing = MessageRef.of(MailboxName.of("Missing"), 1, 1);
        List<ItemResult<Flags>> results = account.changeFlags(List.of(missing, a),
                FlagChange.adding(Flags.of(SystemFlag.ANSWERED)));
        assertInstanceOf(MailException.NotFound.class, error(results.get(0)));
        assertEquals(Flags.of(SystemFlag.ANSWERED), results.get(1).value().orElseThrow());
    }

    @Test
    void batchesAreBoundedAndMustNameSomething() {
        try (GreenMailAccount small = new GreenMailAccount(GREENMAIL, new Limits(500, 1000, 2))) {
            List<MessageRef> three = List.of(MessageRef.of(INBOX, 1, 1), MessageRef.of(INBOX, 1, 2),
                    MessageRef.of(INBOX, 1, 3));
            MailException.InvalidInput e = assertThrows(MailException.InvalidInput.class,
                    () -> small.account.copy(three, ARCHIVE));
            assertEquals("ids", e.field());
            assertTrue(e.getMessage().contains("at most 2"), e.getMessage());
            assertEquals("ids", assertThrows(MailException.InvalidInput.class,
                    () -> small.account.delete(List.of(), DeleteMode.PERMANENT)).field());
        }
    }

    @Test
    void copyReturnsTheCopiesReferencesAndKeepsTheOriginals() {
        MessageRef a = mail.put("INBOX", "a");
        MessageRef b = mail.put("INBOX", "b");
        MessageRef gone = MessageRef.of(INBOX, a.uidValidity(), 999);
        List<ItemResult<MessageRef>> results = account.copy(List.of(b, gone, a), ARCHIVE);

        MailFolder archive = mail.folder("Archive");
        assertEquals(2, archive.getMessageCount());
        MessageRef copyOfB = results.get(0).value().orElseThrow();
        MessageRef copyOfA = results.get(2).value().orElseThrow();
        assertEquals(ARCHIVE, copyOfB.mailbox());
        assertEquals(archive.getUidValidity(), copyOfB.uidValidity());
        assertEquals("b", subject(archive.getMessage(copyOfB.uid())));
        assertEquals("a", subject(archive.getMessage(copyOfA.uid())));
        assertInstanceOf(MailException.NotFound.class, error(results.get(1)));
        assertEquals(2, mail.folder("INBOX").getMessageCount());
    }

    @Test
    void copyOrMoveToAMissingMailboxFailsEveryItemAndChangesNothing() {
        MessageRef a = mail.put("INBOX", "a");
        MessageRef stale = MessageRef.of(INBOX, a.uidValidity() + 1, a.uid());
        for (List<ItemResult<MessageRef>> results : List.of(
                account.copy(List.of(a, stale), MailboxName.of("Nowhere")),
                account.move(List.of(a, stale), MailboxName.of("Nowhere")))) {
            assertInstanceOf(MailException.NotFound.class, error(results.get(0)));
            assertInstanceOf(MailException.NotFound.class, error(results.get(1)));
        }
        assertEquals(1, mail.folder("INBOX").getMessageCount());
    }

    @Test
    void moveReturnsNewReferencesAndRemovesTheOriginals() {
        MessageRef a = mail.put("INBOX", "a");
        MessageRef keep = mail.put("INBOX", "keep");
        MessageRef b = mail.put("INBOX", "b");
        List<ItemResult<MessageRef>> results = account.move(List.of(a, b), ARCHIVE);

        MailFolder inbox = mail.folder("INBOX");
        assertEquals(1, inbox.getMessageCount());
        assertEquals(keep.uid(), inbox.getMessageUids()[0]);
        MailFolder archive = mail.folder("Archive");
        assertEquals(archive.getUidValidity(), results.get(0).value().orElseThrow().uidValidity());
        assertEquals("a", subject(archive.getMessage(results.get(0).value().orElseThrow().uid())));
        assertEquals("b", subject(archive.getMessage(results.get(1).value().orElseThrow().uid())));
    }

    @Test
    void moveIntoTheSameMailboxIsRefusedPerMessage() {
        MessageRef a = mail.put("Archive", "a");
        MailException e = error(account.move(List.of(a), ARCHIVE).get(0));
        assertEquals("target", assertInstanceOf(MailException.InvalidInput.class, e).field());
        assertEquals(1, mail.folder("Archive").getMessageCount());
    }

    @Test
    void deleteToTrashMovesAndDeletingInTrashRemovesForGood() {
        MessageRef a = mail.put("INBOX", "a");
        List<ItemResult<MessageRef>> first = account.delete(List.of(a), DeleteMode.TO_TRASH);
        MessageRef inTrash = first.get(0).value().orElseThrow();
        assertEquals(MailboxName.of("Trash"), inTrash.mailbox());
        assertEquals(0, mail.folder("INBOX").getMessageCount());
        assertEquals("a", subject(mail.folder("Trash").getMessage(inTrash.uid())));

        List<ItemResult<MessageRef>> second = account.delete(List.of(inTrash), DeleteMode.TO_TRASH);
        assertTrue(second.get(0).ok());
        assertTrue(second.get(0).value().isEmpty());
        assertEquals(0, mail.folder("Trash").getMessageCount());
    }

    @Test
    void permanentDeleteExpungesOnlyTheNamedMessages() {
        MessageRef a = mail.put("INBOX", "a");
        MessageRef markedByAnotherClient = mail.put("INBOX", "other");
        MessageRef b = mail.put("INBOX", "b");
        mail.folder("INBOX").getMessage(markedByAnotherClient.uid()).setFlag(jakarta.mail.Flags.Flag.DELETED, true);
        MessageRef gone = MessageRef.of(INBOX, a.uidValidity(), 999);

        List<ItemResult<MessageRef>> results = account.delete(List.of(a, gone, b), DeleteMode.PERMANENT);

        assertTrue(results.get(0).ok());
        assertInstanceOf(MailException.NotFound.class, error(results.get(1)));
        assertTrue(results.get(2).ok());
        MailFolder inbox = mail.folder("INBOX");
        assertEquals(1, inbox.getMessageCount());
        assertEquals(markedByAnotherClient.uid(), inbox.getMessageUids()[0]);
    }

    @Test
    void emptyRemovesEverythingAndCounts() {
        mail.put("Archive", "a");
        mail.put("Archive", "b");
        mail.put("INBOX", "stays");
        assertEquals(2, account.emptyMailbox(ARCHIVE));
        assertEquals(0, mail.folder("Archive").getMessageCount());
        assertEquals(1, mail.folder("INBOX").getMessageCount());
        assertEquals(0, account.emptyMailbox(ARCHIVE));
        assertThrows(MailException.NotFound.class, () -> account.emptyMailbox(MailboxName.of("Nowhere")));
    }

    private static String subject(StoredMessage m) {
        try {
            return m.getMimeMessage().getSubject();
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }
}

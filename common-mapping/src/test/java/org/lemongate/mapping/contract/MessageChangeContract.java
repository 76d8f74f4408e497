package org.lemongate.mapping.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lemongate.mapping.contract.MailAssertions.assertFails;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.lemongate.mapping.ByteRange;
import org.lemongate.mapping.Flags;
import org.lemongate.mapping.Keyword;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.MessageSource;
import org.lemongate.mapping.MessageSummary;
import org.lemongate.mapping.SystemFlag;

/** Append: what is stored, and what is refused without storing anything. */
public interface MessageChangeContract {

    MailBackend backend();

    @Test
    default void appendsWithFlagsAndArrivalTime() {
        TestUser user = TestUser.create(backend());
        byte[] message = Samples.bytes(Samples.BUDGET);
        Instant arrived = Instant.parse("2025-12-24T18:00:00Z");
        Flags flags = Flags.of(List.of(SystemFlag.SEEN, SystemFlag.FLAGGED), List.of(Keyword.of("project-x")));
        MessageRef ref = user.account().append(MailboxName.INBOX, Samples.source(message), flags,
                Optional.of(arrived));
        assertEquals(MailboxName.INBOX, ref.mailbox());
        assertEquals(user.status(MailboxName.INBOX, "UIDVALIDITY"), ref.uidValidity());
        MessageSummary summary = user.account().summary(ref);
        assertEquals(flags, summary.flags());
        assertEquals(arrived, summary.receivedDate());
        try (ImapSession imap = user.imap()) {
            String onServer = imap.flags(ref);
            assertTrue(onServer.contains("\\Seen") && onServer.contains("\\Flagged")
                    && onServer.contains("project-x"), onServer);
        }
        assertArrayEquals(Samples.bytes("attachment.bin"), Samples.read(user.account().openPart(ref, "2", ByteRange.ALL)));
        if (!backend().has(MailBackend.Quirk.INEXACT_SIZES)) {
            assertArrayEquals(message, Samples.read(user.account().openRaw(ref, ByteRange.ALL)));
        }
    }

    @Test
    default void appendsToAnOddlyNamedMailboxArrivingNowByDefault() {
        TestUser user = TestUser.create(backend());
        MailboxName box = MailboxName.of("Reports & Notes/Été 2026");
        user.account().createMailbox(box);
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(2);
        MessageRef ref = user.account().append(box, Samples.source(Samples.bytes(Samples.TRIP)), Flags.NONE,
                Optional.empty());
        assertEquals(box, ref.mailbox());
        assertEquals(1, user.status(box, "MESSAGES"));
        MessageSummary summary = user.account().summary(ref);
        assertTrue(summary.flags().isEmpty(), summary.flags()::toString);
        Instant received = summary.receivedDate();
        assertTrue(!received.isBefore(before) && received.isBefore(Instant.now().plusSeconds(2)), received::toString);
    }

    @Test
    default void refusesEmptyAndNonRfc822BodiesAndStoresNothing() {
        TestUser user = TestUser.create(backend());
        List<byte[]> bodies = List.of(new byte[0],
                "just a line of text without any header\r\n".getBytes(StandardCharsets.US_ASCII),
                new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'},
                "\r\n\r\nonly a body\r\n".getBytes(StandardCharsets.US_ASCII));
        for (byte[] body : bodies) {
            assertFails(MailException.InvalidInput.class, () -> user.account().append(MailboxName.INBOX,
                    Samples.source(body), Flags.NONE, Optional.empty()));
        }
        assertEquals(0, user.status(MailboxName.INBOX, "MESSAGES"));
    }

    @Test
    default void refusesABodyShorterThanAnnouncedAndStoresNothing() {
        TestUser user = TestUser.create(backend());
        byte[] message = Samples.bytes(Samples.QUARTERLY);
        MessageSource liar = new MessageSource() {
            @Override
            public long size() {
                return message.length + 100;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(message);
            }
        };
        assertFails(MailException.InvalidInput.class,
                () -> user.account().append(MailboxName.INBOX, liar, Flags.NONE, Optional.empty()));
        assertEquals(0, user.status(MailboxName.INBOX, "MESSAGES"));
        MessageRef after = user.account().append(MailboxName.INBOX, Samples.source(message), Flags.NONE,
                Optional.empty());
        assertEquals(1, user.status(MailboxName.INBOX, "MESSAGES"), "the account still works");
        String body = new String(Samples.read(user.account().openPart(after, "1", ByteRange.ALL)),
                StandardCharsets.US_ASCII);
        assertTrue(body.contains("pineapple"), body);
    }

    /** Refused from the announced size, before a byte is generated or sent. */
    @Test
    default void refusesAMessageOverTheUploadLimitAndStoresNothing() {
        TestUser user = TestUser.create(backend());
        long limit = backend().settings().limits().maxUploadBytes();
        GeneratedMessage huge = new GeneratedMessage(limit, 11);
        MailException.TooLarge e = assertFails(MailException.TooLarge.class,
                () -> user.account().append(MailboxName.INBOX, huge, Flags.NONE, Optional.empty()));
        assertEquals(limit, e.limit());
        assertEquals(0, user.status(MailboxName.INBOX, "MESSAGES"));
    }

    @Test
    default void refusesAppendingToAnUnknownMailbox() {
        TestUser user = TestUser.create(backend());
        MailboxName missing = MailboxName.of("Missing");
        assertFails(MailException.NotFound.class, () -> user.account().append(missing,
                Samples.source(Samples.bytes(Samples.QUARTERLY)), Flags.NONE, Optional.empty()));
        try (ImapSession imap = user.imap()) {
            assertFalse(imap.list().contains("Missing"), "append must not create the mailbox");
        }
    }
}

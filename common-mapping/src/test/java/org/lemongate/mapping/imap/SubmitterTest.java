package org.lemongate.mapping.imap;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Optional;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;

import jakarta.mail.MessagingException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lemongate.mapping.Limits;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.SpooledMessage;
import org.lemongate.mapping.SubmitResult;

class SubmitterTest {

    @RegisterExtension
    static final GreenMailExtension GREENMAIL = GreenMailAccount.server();

    private GreenMailAccount mail;
    private GreenMailUser bob;
    private GreenMailUser carol;
    private GreenMailUser dave;

    @BeforeEach
    void start() {
        mail = new GreenMailAccount(GREENMAIL);
        bob = GREENMAIL.setUser("bob@example.org", "bob", "pw");
        carol = GREENMAIL.setUser("carol@example.org", "carol", "pw");
        dave = GREENMAIL.setUser("dave@example.org", "dave", "pw");
    }

    @AfterEach
    void stop() {
        mail.close();
    }

    private MailFolder inboxOf(GreenMailUser user) {
        return GREENMAIL.getManagers().getImapHostManager().getFolder(user, "INBOX");
    }

    private static String raw(StoredMessage m) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            m.getMimeMessage().writeTo(out);
            return out.toString(UTF_8);
        } catch (IOException | MessagingException e) {
            throw new AssertionError(e);
        }
    }

    private SubmitResult submit(String text) {
        return mail.account.submit(SpooledMessage.of(text.getBytes(UTF_8)));
    }

    @Test
    void sendsToToCcAndBccWithoutTransmittingBccAndKeepsTheSameBytesInSent() {
        SubmitResult result = submit("From: Ann <ann@example.org>\nTo: bob@example.org\nCc: Carol <carol@example.org>\n"
                + "Bcc: dave@example.org\nSubject: plans\n\nSee you at noon.\n");

        assertEquals(List.of("bob@example.org", "carol@example.org", "dave@example.org"), result.recipients());
        assertTrue(result.messageId().matches("<[0-9a-f-]{36}@example\\.org>"), result.messageId());
        for (GreenMailUser u : List.of(bob, carol, dave)) {
            assertEquals(1, inboxOf(u).getMessageCount(), u.getEmail());
            String delivered = raw(inboxOf(u).getMessages().get(0));
            assertTrue(delivered.contains("Message-ID: " + result.messageId() + "\r\n"), delivered);
            assertTrue(delivered.contains("\r\nDate: "), delivered);
            assertFalse(delivered.contains("Bcc:"), delivered);
            // GreenMail keeps the CRLF before SMTP's final "." as part of the terminator: compare without it.
            assertTrue(delivered.stripTrailing().endsWith("\r\n\r\nSee you at noon."), delivered);
        }
        MessageRef copy = result.sentCopy().orElseThrow();
        StoredMessage sent = mail.folder(copy.mailbox().path()).getMessage(copy.uid());
        assertEquals("Sent", copy.mailbox().path());
        assertTrue(sent.isSet(jakarta.mail.Flags.Flag.SEEN));
        String kept = raw(sent);
        assertTrue(kept.startsWith("Message-ID: " + result.messageId() + "\r\nDate: "), kept);
        assertTrue(kept.contains("\r\nBcc: dave@example.org\r\n"), "the sender's copy keeps Bcc: " + kept);
        String delivered = raw(inboxOf(bob).getMessages().get(0));
        assertTrue(delivered.stripTrailing().endsWith(kept.replace("Bcc: dave@example.org\r\n", "").stripTrailing()),
                "delivered:\n" + delivered + "\nkept:\n" + kept);
    }

    @Test
    void keepsAnExistingMessageIdAndDateUntouched() {
        String text = "Date: Mon, 30 Nov 2026 05:00:00 +0000\r\nMessage-ID: <fixed@example.org>\r\n"
                + "From: ann@example.org\r\nTo: bob@example.org\r\nSubject: hi\r\n\r\nbody\r\n";
        SubmitResult result = submit(text);
        assertEquals("<fixed@example.org>", result.messageId());
        MessageRef copy = result.sentCopy().orElseThrow();
        assertArrayEquals(text.getBytes(UTF_8), raw(mail.folder("Sent").getMessage(copy.uid())).getBytes(UTF_8));
    }

    @Test
    void refusesAMessageWithoutFromAndSendsNothing() {
        MailException.InvalidInput e = assertThrows(MailException.InvalidInput.class,
                () -> submit("To: bob@example.org\nSubject: anonymous\n\nx\n"));
        assertEquals("from", e.field());
        assertEquals(0, inboxOf(bob).getMessageCount());
        assertNull(mail.folder("Sent"));
    }

    @Test
    void refusesInvalidRecipientsNamingThem() {
        MailException.InvalidInput e = assertThrows(MailException.InvalidInput.class,
                () -> submit("From: ann@example.org\nTo: bob@example.org, bob@\nSubject: x\n\nx\n"));
        assertEquals("recipients", e.field());
        assertTrue(e.getMessage().contains("bob@"), e.getMessage());
        MailException.InvalidInput local = assertThrows(MailException.InvalidInput.class,
                () -> submit("From: ann@example.org\nTo: bob\nSubject: x\n\nx\n"));
        assertTrue(local.getMessage().contains("'bob'"), local.getMessage());
        assertEquals(0, inboxOf(bob).getMessageCount());
    }

    @Test
    void refusesAMessageWithoutRecipients() {
        MailException.InvalidInput e = assertThrows(MailException.InvalidInput.class,
                () -> submit("From: ann@example.org\nTo: undisclosed-recipients:;\nSubject: x\n\nx\n"));
        assertEquals("recipients", e.field());
        assertEquals("the message names no recipient in To, Cc or Bcc", e.getMessage());
    }

    @Test
    void refusesAMessageOverTheUploadLimit() {
        try (GreenMailAccount small = new GreenMailAccount(GREENMAIL, new Limits(500, 100, 1000))) {
            assertThrows(MailException.TooLarge.class, () -> small.account.submit(SpooledMessage.of(
                    ("From: ann@example.org\nTo: bob@example.org\n\n" + "x".repeat(100)).getBytes(UTF_8))));
        }
        assertEquals(0, inboxOf(bob).getMessageCount());
    }

    @Test
    void withoutSmtpSubmissionIsForbidden() {
        try (GreenMailAccount noSmtp = new GreenMailAccount(GREENMAIL, new Limits(500, 1000, 10), Optional.empty())) {
            MailException.Forbidden e = assertThrows(MailException.Forbidden.class, () -> noSmtp.account.submit(
                    SpooledMessage.of("From: ann@example.org\nTo: bob@example.org\n\nx".getBytes(UTF_8))));
            assertEquals("message submission is not configured on this gateway", e.getMessage());
        }
    }

    @Test
    void anUnreachableSmtpServerIsRetryableAndKeepsNoCopy() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        try (GreenMailAccount down = new GreenMailAccount(GREENMAIL, new Limits(500, 10_000, 10),
                Optional.of(URI.create("smtp://127.0.0.1:" + closedPort)))) {
            MailException.BackendUnavailable e = assertThrows(MailException.BackendUnavailable.class,
                    () -> down.account.submit(SpooledMessage.of(
                            "From: ann@example.org\nTo: bob@example.org\n\nx".getBytes(UTF_8))));
            assertTrue(e.code().retryable());
            assertFalse(e.timeout());
        }
        assertNull(mail.folder("Sent"));
    }
}

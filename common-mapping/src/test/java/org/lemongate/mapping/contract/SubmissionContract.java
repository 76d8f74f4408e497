package org.lemongate.mapping.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lemongate.mapping.contract.MailAssertions.assertFails;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.SubmitResult;

/** Sending over SMTP and keeping a copy in Sent. */
public interface SubmissionContract {

    MailBackend backend();

    @Test
    default void sendsToEveryRecipientHidesBccAndKeepsACopyInSent() throws InterruptedException {
        TestUser user = TestUser.create(backend());
        String tag = Long.toString(System.nanoTime());
        String to = "to-" + tag + "@example.org";
        String cc = "cc-" + tag + "@example.org";
        String bcc = "bcc-" + tag + "@example.org";
        String messageId = "<submit-" + tag + "@test.lemongate>";
        byte[] message = ("From: " + user.credentials().user() + "@example.org\r\nTo: Friend <" + to + ">\r\nCc: " + cc
                + "\r\nBcc: " + bcc + "\r\nSubject: Submitted through the gateway\r\nMessage-ID: " + messageId
                + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello from Lemongate.\r\n")
                .getBytes(StandardCharsets.UTF_8);

        SubmitResult result = user.account().submit(Samples.source(message));

        assertEquals(messageId.replaceAll("^<|>$", ""), result.messageId().replaceAll("^<|>$", ""));
        assertEquals(Set.of(to, cc, bcc), Set.copyOf(result.recipients()));
        for (String recipient : List.of(to, cc, bcc)) {
            String delivered = awaitDelivery(recipient);
            assertTrue(delivered.contains("Subject: Submitted through the gateway"), delivered);
            assertFalse(delivered.contains(bcc), () -> "Bcc transmitted to " + recipient + ": " + delivered);
        }
        MessageRef copy = result.sentCopy().orElseThrow(() -> new AssertionError("no copy kept in Sent"));
        assertEquals(MailboxName.of(backend().settings().sentMailbox()), copy.mailbox());
        assertEquals(result.messageId(), user.account().summary(copy).messageId());
        assertEquals(1, user.status(copy.mailbox(), "MESSAGES"));
    }

    @Test
    default void refusesAMessageWithoutRecipients() {
        TestUser user = TestUser.create(backend());
        byte[] message = ("From: " + user.credentials().user() + "@example.org\r\nSubject: To nobody\r\n\r\nHi\r\n")
                .getBytes(StandardCharsets.UTF_8);
        assertFails(MailException.InvalidInput.class, () -> user.account().submit(Samples.source(message)));
    }

    private String awaitDelivery(String recipient) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<String> delivered = backend().deliveredTo(recipient);
            if (!delivered.isEmpty()) {
                assertEquals(1, delivered.size(), "delivered once");
                return delivered.get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("nothing delivered to " + recipient);
    }
}

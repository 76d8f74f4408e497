package org.lemongate.mapping.imap;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.Set;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.MailFolder;

import jakarta.mail.MessagingException;

import org.eclipse.angus.mail.iap.Literal;
import org.eclipse.angus.mail.iap.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;

/**
 * The paths taken on servers without MOVE or UIDPLUS. GreenMail has both, so these drive the fallback steps directly
 * on a connection leased from the gateway: the IMAP they send is real and GreenMail executes it.
 */
class WriteFallbacksTest {

    @RegisterExtension
    static final GreenMailExtension GREENMAIL = GreenMailAccount.server();

    private GreenMailAccount mail;

    @BeforeEach
    void start() {
        mail = new GreenMailAccount(GREENMAIL);
        mail.createFolder("Archive");
    }

    @AfterEach
    void stop() {
        mail.close();
    }

    private <T> T onConnection(ImapGateway.ImapWork<T> work) {
        return mail.gateway.run(Credentials.password("ann", "secret", "127.0.0.1"), false, "test", work);
    }

    @Test
    void moveByCopyMovesExactlyTheNamedMessages() {
        MessageRef a = mail.put("INBOX", "a");
        MessageRef deletedElsewhere = mail.put("INBOX", "marked by another client");
        MessageRef b = mail.put("INBOX", "b");
        mail.folder("INBOX").getMessage(deletedElsewhere.uid()).setFlag(jakarta.mail.Flags.Flag.DELETED, true);

        Response[] answer = onConnection(c -> {
            c.select(MailboxName.INBOX);
            return MessageTransfer.moveByCopy(c, Set.of(a.uid(), b.uid()), MailboxName.of("Archive"));
        });

        MailFolder inbox = mail.folder("INBOX");
        assertEquals(1, inbox.getMessageCount());
        assertEquals(deletedElsewhere.uid(), inbox.getMessageUids()[0]);
        assertEquals(2, mail.folder("Archive").getMessageCount());
        Map<Long, Long> copied = UidSets.copyUid(answer, 2).orElseThrow();
        assertEquals(Set.of(a.uid(), b.uid()), copied.keySet());
    }

    @Test
    void locateAppendedFindsTheOneNewMessage() {
        mail.put("Archive", "older");
        MailboxName archive = MailboxName.of("Archive");
        MessageRef found = onConnection(c -> {
            long uidNext = c.protocol().status("Archive", new String[] {"UIDNEXT"}).uidnext;
            c.protocol().append("Archive", null, null, literal("Subject: new\r\n\r\nx\r\n"));
            return MessageWriter.locateAppended(c, archive, uidNext);
        });
        MailFolder folder = mail.folder("Archive");
        assertEquals(folder.getUidValidity(), found.uidValidity());
        assertEquals("Subject: new", firstLine(folder, found.uid()));
    }

    @Test
    void locateAppendedRefusesToGuessWhenMoreArrived() {
        MailboxName archive = MailboxName.of("Archive");
        MailException e = assertThrows(MailException.BackendError.class, () -> onConnection(c -> {
            long uidNext = c.protocol().status("Archive", new String[] {"UIDNEXT"}).uidnext;
            c.protocol().append("Archive", null, null, literal("Subject: ours\r\n\r\nx\r\n"));
            mail.put("Archive", "delivered meanwhile");
            return MessageWriter.locateAppended(c, archive, uidNext);
        }));
        assertTrue(e.getMessage().contains("2 messages arrived meanwhile"), e.getMessage());
    }

    private static Literal literal(String text) {
        byte[] bytes = text.getBytes(UTF_8);
        return new Literal() {
            @Override
            public int size() {
                return bytes.length;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(bytes);
            }
        };
    }

    private static String firstLine(MailFolder folder, long uid) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            folder.getMessage(uid).getMimeMessage().writeTo(out);
            return out.toString(UTF_8).lines().findFirst().orElse("");
        } catch (IOException | MessagingException ex) {
            throw new AssertionError(ex);
        }
    }
}

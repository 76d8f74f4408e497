package org.lemongate.mapping.imap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lemongate.mapping.ByteRange;
import org.lemongate.mapping.Content;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.PageRequest;
import org.lemongate.mapping.SearchCriteria;
import org.lemongate.mapping.contract.ImapSession;

/**
 * The catch-up NOOP of a reused selection: once per operation, not once per chunk of a streamed message, and still
 * before every operation, so that a message deleted before a read began is not served.
 */
class CatchUpTest {

    private static final int CHUNK = 4096;

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

    private ImapGateway gateway;
    private Credentials credentials;
    private MailAccount account;
    private GreenMailUser user;

    @BeforeEach
    void start() {
        user = MAIL.setUser("ann@example.org", "ann", "secret");
        BackendSettings d = TestSettings.loopback(MAIL.getImap().getPort(), Optional.empty());
        BackendSettings smallChunks = new BackendSettings(d.imap(), d.smtp(), d.startTls(), d.trustStore(),
                d.trustStorePassword(), d.connectTimeout(), d.readTimeout(), d.writeTimeout(),
                d.maxConnectionsPerUser(), d.leaseTimeout(), d.idleEviction(), CHUNK, d.limits(), d.spoolDirectory(),
                d.spoolThresholdBytes(), d.loginFailureLimit(), d.loginFailureWindow(), d.sentMailbox(),
                d.trashMailbox());
        gateway = ImapGateway.start(smallChunks);
        credentials = Credentials.password("ann", "secret", "127.0.0.1");
        account = gateway.login(credentials);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    /** A message of about ten chunks: a text body and a base64 attachment of {@code bytes}. */
    private MessageRef deliverLarge(byte[] bytes) throws Exception {
        String eml = "From: bob@example.org\r\nTo: ann@example.org\r\nSubject: large\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=XX\r\n\r\n--XX\r\nContent-Type: text/plain\r\n\r\nhi\r\n"
                + "--XX\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + java.util.Base64.getMimeEncoder().encodeToString(bytes) + "\r\n--XX--\r\n";
        user.deliver(new MimeMessage(Session.getInstance(new java.util.Properties()),
                new java.io.ByteArrayInputStream(eml.getBytes(StandardCharsets.US_ASCII))));
        return account.listMessages(MailboxName.INBOX, SearchCriteria.ALL, PageRequest.first(1)).items().get(0).ref();
    }

    /** NOOPs sent so far on the connection the next operation gets (the pool hands out the last one released). */
    private long catchUps() {
        return gateway.run(credentials, true, "count", ImapConnection::catchUps);
    }

    @Test
    void aStreamedMessageCatchesUpOnceNotOncePerChunk() throws Exception {
        byte[] data = new byte[30_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
        }
        MessageRef ref = deliverLarge(data);
        long before = catchUps();
        try (Content raw = account.openRaw(ref, ByteRange.ALL)) {
            byte[] all = raw.stream().readAllBytes();
            assertEquals(raw.length().getAsLong(), all.length);
            assertTrue(all.length > 10 * CHUNK, "the message spans many chunks: " + all.length);
        }
        assertEquals(before + 1, catchUps(), "one NOOP for the whole raw read");
        try (Content part = account.openPart(ref, "2", ByteRange.ALL)) {
            assertArrayEquals(data, part.stream().readAllBytes());
        }
        // The part's chunks all continue the structure read that opened it.
        assertEquals(before + 2, catchUps(), "one NOOP for the whole part read");
    }

    @Test
    void aMessageDeletedBeforeTheReadBeganIsNotServed() throws Exception {
        MessageRef ref = deliverLarge(new byte[20_000]);
        try (Content first = account.openRaw(ref, ByteRange.ALL)) {
            first.stream().readAllBytes();
        }
        try (ImapSession other = ImapSession.login("127.0.0.1", MAIL.getImap().getPort(), "ann", "secret")) {
            other.expunge(ref);
        }
        assertThrows(MailException.NotFound.class, () -> account.openRaw(ref, ByteRange.ALL).close());
    }
}

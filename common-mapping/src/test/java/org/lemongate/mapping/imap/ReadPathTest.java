package org.lemongate.mapping.imap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
import org.lemongate.mapping.Cursor;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxInfo;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageStructure;
import org.lemongate.mapping.MessageSummary;
import org.lemongate.mapping.Page;
import org.lemongate.mapping.PageRequest;
import org.lemongate.mapping.SearchCriteria;

/** The connector's read side against GreenMail: listing pages, structure, raw and decoded content. */
class ReadPathTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

    private ImapGateway gateway;
    private MailAccount account;
    private GreenMailUser user;

    @BeforeEach
    void start() {
        user = MAIL.setUser("ann@example.org", "ann", "secret");
        BackendSettings settings = BackendSettings.defaults(
                URI.create("imap://127.0.0.1:" + MAIL.getImap().getPort()), Optional.empty())
                .withStartTls(BackendSettings.StartTls.OFF);
        gateway = ImapGateway.start(settings);
        account = gateway.login(Credentials.password("ann", "secret", "127.0.0.1"));
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private void deliver(String eml) throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new java.util.Properties()),
                new java.io.ByteArrayInputStream(eml.getBytes(StandardCharsets.UTF_8)));
        user.deliver(m);
    }

    private static String plain(int i) {
        return "From: Bob <bob@example.org>\r\nTo: ann@example.org\r\nSubject: note " + i
                + "\r\nDate: Mon, 30 Nov 2026 10:00:00 +0000\r\nMessage-ID: <n" + i + "@example.org>\r\n\r\nbody " + i
                + "\r\n";
    }

    @Test
    void pagesWalkEveryMessageOnceNewestFirstWhileMailArrives() throws Exception {
        for (int i = 1; i <= 7; i++) {
            deliver(plain(i));
        }
        Page<MessageSummary> first = account.listMessages(MailboxName.INBOX, SearchCriteria.ALL, PageRequest.first(3));
        assertEquals(7, first.total());
        assertEquals("note 7", first.items().get(0).subject());
        deliver(plain(8));
        List<String> seen = new ArrayList<>(first.items().stream().map(MessageSummary::subject).toList());
        Optional<Cursor> next = first.next();
        while (next.isPresent()) {
            Page<MessageSummary> p = account.listMessages(MailboxName.INBOX, SearchCriteria.ALL,
                    PageRequest.after(3, next.get()));
            p.items().forEach(s -> seen.add(s.subject()));
            next = p.next();
        }
        assertEquals(List.of("note 7", "note 6", "note 5", "note 4", "note 3", "note 2", "note 1"), seen);
        Set<String> unique = new HashSet<>(seen);
        assertEquals(seen.size(), unique.size());
    }

    @Test
    void structureRawAndDecodedPart() throws Exception {
        byte[] attachment = new byte[70_000];
        for (int i = 0; i < attachment.length; i++) {
            attachment[i] = (byte) (i * 31);
        }
        String b64 = java.util.Base64.getMimeEncoder().encodeToString(attachment);
        String eml = "From: bob@example.org\r\nTo: ann@example.org\r\nSubject: =?UTF-8?Q?R=C3=A9sum=C3=A9?=\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=XX\r\n\r\n--XX\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\nhello\r\n--XX\r\n"
                + "Content-Type: application/octet-stream; name=data.bin\r\n"
                + "Content-Disposition: attachment; filename=data.bin\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + b64 + "\r\n--XX--\r\n";
        deliver(eml);
        MessageSummary s = account.listMessages(MailboxName.INBOX, SearchCriteria.ALL, PageRequest.first(10))
                .items().get(0);
        assertEquals("Résumé", s.subject());
        assertTrue(s.hasAttachments());
        MessageStructure st = account.structure(s.ref());
        assertEquals("multipart/mixed", st.root().contentType());
        assertEquals(Optional.of("data.bin"), st.root().find("2").orElseThrow().filename());

        long length;
        try (Content raw = account.openRaw(s.ref(), ByteRange.ALL)) {
            byte[] all = raw.stream().readAllBytes();
            length = all.length;
            // GreenMail's RFC822.SIZE leaves the header out; the stream must still deliver every byte.
            assertEquals(raw.totalLength().getAsLong(), all.length);
            assertEquals(raw.length().getAsLong(), all.length);
            assertTrue(new String(all, StandardCharsets.US_ASCII).endsWith("--XX--\r\n"));
        }
        try (Content part = account.openPart(s.ref(), "2", ByteRange.ALL)) {
            assertArrayEquals(attachment, part.stream().readAllBytes());
        }
        try (Content tail = account.openPart(s.ref(), "2", ByteRange.from(65_000))) {
            byte[] rest = tail.stream().readAllBytes();
            assertArrayEquals(java.util.Arrays.copyOfRange(attachment, 65_000, attachment.length), rest);
        }
        assertThrows(MailException.InvalidInput.class, () -> account.openRaw(s.ref(), ByteRange.from(length)));
        assertThrows(MailException.NotFound.class, () -> account.openPart(s.ref(), "9", ByteRange.ALL));
    }

    @Test
    void mailboxesAndSearch() throws Exception {
        account.createMailbox(MailboxName.of("Été 2026"));
        account.createMailbox(MailboxName.of("Reports & Notes/Q1"));
        List<MailboxInfo> boxes = account.listMailboxes();
        assertTrue(boxes.stream().anyMatch(b -> b.name().path().equals("Été 2026")), boxes.toString());
        assertTrue(boxes.stream().anyMatch(b -> b.name().path().equals("Reports & Notes/Q1")), boxes.toString());
        deliver(plain(1));
        deliver(plain(2));
        Page<MessageSummary> hits = account.listMessages(MailboxName.INBOX,
                SearchCriteria.builder().subject("note 2").build(), PageRequest.first(10));
        assertEquals(1, hits.total());
        assertFalse(hits.next().isPresent());
        assertThrows(MailException.AuthFailed.class,
                () -> gateway.login(Credentials.password("ann", "wrong", "127.0.0.1")));
        try (InputStream ignored = InputStream.nullInputStream()) {
            assertThrows(MailException.NotFound.class, () -> account.mailbox(MailboxName.of("nope")));
        }
    }
}

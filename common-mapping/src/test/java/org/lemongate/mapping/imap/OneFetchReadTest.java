package org.lemongate.mapping.imap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.lemongate.mapping.ByteRange;
import org.lemongate.mapping.Content;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.contract.GeneratedMessage;
import org.lemongate.mapping.contract.ImapSession;
import org.lemongate.testsupport.DovecotServer;

/**
 * A long raw read takes everything after its first chunk in one FETCH streamed from the socket (ADR 0044), counted
 * by Dovecot itself (its logout line's {@code body_count}), and a caller that leaves early frees the connection at
 * once without spoiling it.
 */
class OneFetchReadTest {

    private static final Pattern BODY_COUNT = Pattern.compile("body_count=(\\d+) body_bytes=(\\d+)");

    @Test
    void aLongReadTakesTheRestInOneFetch() throws Exception {
        GeneratedMessage message = new GeneratedMessage(3L * 1024 * 1024, 44);
        try (DovecotServer dovecot = DovecotServer.start(Map.of("ann", "secret-ann"))) {
            MessageRef ref = append(dovecot, message);
            BackendSettings settings = TestSettings.loopback(dovecot.imapPort(), Optional.empty(), 1);
            assertTrue(message.size() > 8L * settings.fetchChunkBytes(), "many chunks long: " + message.size());
            MessageDigest digest = GeneratedMessage.sha256();
            try (ImapGateway gateway = ImapGateway.start(settings)) {
                MailAccount account = gateway.login(Credentials.password("ann", "secret-ann", "127.0.0.1"));
                try (Content raw = account.openRaw(ref, ByteRange.ALL);
                     InputStream in = new DigestInputStream(raw.stream(), digest)) {
                    assertEquals(message.size(), in.transferTo(OutputStream.nullOutputStream()));
                }
                assertEquals(0, gateway.stats().leasedConnections(), "the connection is back when the read ends");
                assertEquals(1, gateway.stats().openConnections());
            }
            assertArrayEquals(message.messageDigest(), digest.digest(), "the bytes are the stored message");
            Matcher m = awaitLogout(dovecot, "ann");
            // The first chunk with the size, the look past the claimed end (ContentReader.raw), the rest in one.
            assertEquals(3, Integer.parseInt(m.group(1)), "body FETCHes");
            assertEquals(message.size(), Long.parseLong(m.group(2)), "each byte fetched once");
        }
    }

    @Test
    void aCallerThatLeavesEarlyFreesTheConnectionAtOnceAndKeepsItUsable() throws Exception {
        GeneratedMessage message = new GeneratedMessage(6L * 1024 * 1024, 45);
        try (DovecotServer dovecot = DovecotServer.start(Map.of("ann", "secret-ann"))) {
            MessageRef ref = append(dovecot, message);
            try (ImapGateway gateway = ImapGateway.start(TestSettings.loopback(dovecot.imapPort(), Optional.empty(),
                    1))) {
                MailAccount account = gateway.login(Credentials.password("ann", "secret-ann", "127.0.0.1"));
                try (Content raw = account.openRaw(ref, ByteRange.ALL)) {
                    assertTrue(raw.stream().read(new byte[1024]) > 0);
                }
                long started = System.nanoTime();
                assertEquals(ref, account.summary(ref).ref(), "the user's only connection serves the next request");
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertTrue(took.compareTo(LiteralWindow.PATIENCE) < 0, "no waiting out the patience: " + took);
                assertEquals(1, gateway.stats().openConnections(), "the rest was skipped, the connection kept");
                try (Content again = account.openRaw(ref, ByteRange.ALL)) {
                    MessageDigest digest = GeneratedMessage.sha256();
                    new DigestInputStream(again.stream(), digest).transferTo(OutputStream.nullOutputStream());
                    assertArrayEquals(message.messageDigest(), digest.digest(), "the kept connection reads cleanly");
                }
            }
        }
    }

    private static MessageRef append(DovecotServer dovecot, GeneratedMessage message) throws Exception {
        try (ImapSession imap = ImapSession.login(dovecot.host(), dovecot.imapPort(), "ann", "secret-ann")) {
            return imap.append(MailboxName.INBOX, message, Instant.now());
        }
    }

    /**
     * Dovecot's count of body FETCHes and their bytes on the user's last session that fetched bodies, from the line
     * it logs when the session ends (the gateway's connection, once the gateway is closed).
     */
    static Matcher awaitLogout(DovecotServer dovecot, String user) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            Matcher last = null;
            for (String line : dovecot.logs().split("\n")) {
                Matcher m = BODY_COUNT.matcher(line);
                if (line.contains("imap(" + user + ")") && m.find()) {
                    last = m;
                }
            }
            if (last != null && Integer.parseInt(last.group(1)) > 0) {
                return last;
            }
            assertTrue(System.nanoTime() < deadline, "no logout line with body_count:\n" + dovecot.logs());
            Thread.sleep(100);
        }
    }
}

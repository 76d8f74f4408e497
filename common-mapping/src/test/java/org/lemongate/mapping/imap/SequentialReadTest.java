package org.lemongate.mapping.imap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

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
import org.lemongate.testsupport.LoopbackPorts;
import org.lemongate.testsupport.TcpProxy;

/**
 * A long download that its caller pauses: the rest of the message comes in one FETCH through a bounded window
 * (ADR 0044), whose reader waits for the caller only {@link LiteralWindow#PATIENCE}, then skips the rest and frees
 * the connection; the caller, back, gets the window's bytes and the rest by partial FETCH, and the bytes served are
 * the stored ones. Counted at a proxy in front of a real Dovecot, with one connection allowed per user.
 */
class SequentialReadTest {

    @Test
    void aPausedDownloadFreesItsConnectionAfterThePatienceAndResumesByPartialFetch() throws Exception {
        GeneratedMessage message = new GeneratedMessage(3L * 1024 * 1024, 43);
        try (DovecotServer dovecot = DovecotServer.start(Map.of("ann", "secret-ann"));
             TcpProxy proxy = TcpProxy.start(LoopbackPorts.HOST, dovecot.imapPort())) {
            MessageRef ref;
            try (ImapSession imap = ImapSession.login(dovecot.host(), dovecot.imapPort(), "ann", "secret-ann")) {
                ref = imap.append(MailboxName.INBOX, message, Instant.now());
            }
            BackendSettings settings = TestSettings.loopback(proxy.port(), Optional.empty(), 1);
            long window = (long) LiteralWindow.PIECES * LiteralWindow.PIECE;
            assertTrue(message.size() > settings.fetchChunkBytes() + window,
                    "the message is longer than the window: " + message.size());
            try (ImapGateway gateway = ImapGateway.start(settings)) {
                MailAccount account = gateway.login(Credentials.password("ann", "secret-ann", "127.0.0.1"));
                account.mailbox(MailboxName.INBOX);
                long before = proxy.bytesToClients();
                MessageDigest digest = GeneratedMessage.sha256();
                try (Content raw = account.openRaw(ref, ByteRange.ALL);
                     InputStream in = new DigestInputStream(raw.stream(), digest)) {
                    long opened = System.nanoTime();
                    assertTrue(in.read(new byte[1024]) > 0);
                    long fetched = awaitQuiet(proxy, gateway) - before;
                    Duration held = Duration.ofNanos(System.nanoTime() - opened);
                    // The literal passes once (the window's part kept, the rest skipped), with a little protocol.
                    assertTrue(fetched >= message.size() && fetched < message.size() + 16 * 1024,
                            "fetched " + fetched + " bytes of a " + message.size() + "-byte message");
                    assertTrue(held.compareTo(LiteralWindow.PATIENCE.plusSeconds(5)) < 0,
                            "the connection was free after the patience: " + held);

                    assertTrue(account.listMailboxes().stream().anyMatch(m -> m.name().isInbox()),
                            "the user's only connection is free while the download pauses");
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                }
                assertArrayEquals(message.messageDigest(), digest.digest(), "the bytes are the stored message");
                assertTrue(proxy.bytesToClients() - before < 2 * message.size(),
                        "only what the window did not keep was fetched again");
                assertEquals(0, gateway.stats().leasedConnections());
                assertEquals(1, gateway.stats().openConnections(), "one connection served it all");
            }
        }
    }

    /** The bytes the proxy passed once nothing has moved for half a second and no connection is leased. */
    private static long awaitQuiet(TcpProxy proxy, ImapGateway gateway) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long seen = proxy.bytesToClients();
        while (true) {
            Thread.sleep(500);
            long now = proxy.bytesToClients();
            if (now == seen && gateway.stats().leasedConnections() == 0) {
                return now;
            }
            assertTrue(System.nanoTime() < deadline, "the gateway kept fetching: " + gateway.stats());
            seen = now;
        }
    }
}

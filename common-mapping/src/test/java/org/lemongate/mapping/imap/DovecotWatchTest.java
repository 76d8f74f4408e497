package org.lemongate.mapping.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.lemongate.mapping.ChangeSignal;
import org.lemongate.mapping.Changes;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageSummary;
import org.lemongate.mapping.Subscription;
import org.lemongate.mapping.SyncToken;
import org.lemongate.mapping.contract.ImapSession;
import org.lemongate.mapping.contract.Samples;
import org.lemongate.testsupport.DovecotServer;

/**
 * The watcher against a real Dovecot: one IMAP connection per user however many subscribe, gone with the last, and
 * recovery after Dovecot restarts with the changes made meanwhile recovered from the token (by mod-sequence).
 */
class DovecotWatchTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Test
    void subscribersShareOneConnectionWhichRecoversAfterARestart() throws InterruptedException {
        try (DovecotServer dovecot = DovecotServer.start(Map.of("ann", "secret-ann"));
             ImapGateway gateway = ImapGateway.start(TestSettings.loopback(dovecot.imapPort(), Optional.empty())
                     .withTimeouts(TIMEOUT, TIMEOUT, TIMEOUT))) {
            Credentials ann = Credentials.password("ann", "secret-ann", "127.0.0.1");
            MailAccount account = gateway.login(ann);
            account.createMailbox(MailboxName.of("Lists"));
            SyncToken token = account.syncToken(MailboxName.INBOX);
            assertTrue(token.usesModSeq(), "Dovecot has QRESYNC: " + token);
            int pooled = dovecot.connectionCount("ann");

            LinkedBlockingQueue<ChangeSignal> signals = new LinkedBlockingQueue<>();
            Subscription[] subs = new Subscription[10];
            for (int i = 0; i < subs.length; i++) {
                subs[i] = gateway.watch(ann, i % 2 == 0 ? MailboxName.INBOX : MailboxName.of("Lists"), signals::add);
            }
            assertEquals(1, gateway.watchedUsers());
            assertEquals(pooled + 1, dovecot.connectionCount("ann"), "ten subscribers, one watcher connection");

            append(dovecot, "first");
            assertSignals(signals, 5, ChangeSignal.Kind.CHANGED);

            dovecot.stop();
            assertSignals(signals, 10, ChangeSignal.Kind.INTERRUPTED);
            dovecot.start();
            append(dovecot, "while the watcher was away");
            ChangeSignal back = signals.poll(40, TimeUnit.SECONDS);
            assertNotNull(back, "a signal after the restart");
            signals.clear();

            Changes changes = account.changesSince(MailboxName.INBOX, token, 100);
            assertEquals(List.of("first", "while the watcher was away"),
                    changes.added().stream().map(MessageSummary::subject).toList());

            for (Subscription s : subs) {
                s.close();
            }
            assertEquals(0, gateway.watchedUsers());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (dovecot.connectionCount("ann") > pooled && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(dovecot.connectionCount("ann") <= pooled, "the watcher connection closes with the last one");
        }
    }

    private static void append(DovecotServer dovecot, String subject) {
        try (ImapSession imap = ImapSession.login(dovecot.host(), dovecot.imapPort(), "ann", "secret-ann")) {
            imap.append(MailboxName.INBOX, Samples.note(subject, "bob@example.org", "ann@example.org"), Instant.now());
        }
    }

    private static void assertSignals(LinkedBlockingQueue<ChangeSignal> signals, int count, ChangeSignal.Kind kind)
            throws InterruptedException {
        for (int i = 0; i < count; i++) {
            ChangeSignal s = signals.poll(10, TimeUnit.SECONDS);
            assertNotNull(s, "signal " + (i + 1) + " of " + count + " (" + kind + ")");
            assertEquals(kind, s.kind(), s.toString());
        }
        Thread.sleep(200);
        signals.removeIf(s -> s.kind() == kind);
    }
}

package org.lemongate.mapping.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.lemongate.mapping.ChangeSignal;
import org.lemongate.mapping.Changes;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageSummary;
import org.lemongate.mapping.Subscription;
import org.lemongate.mapping.SyncToken;
import org.lemongate.mapping.contract.ImapSession;
import org.lemongate.mapping.contract.Samples;
import org.lemongate.testsupport.DovecotServer;

/**
 * The watcher against a real Dovecot: one IMAP connection per user however many subscribe (the watcher adopts the
 * connection the login check left in the pool and closes it after the last subscriber), and recovery after
 * Dovecot restarts with the changes made meanwhile recovered from the token (by mod-sequence).
 */
class DovecotWatchTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Test
    void subscribersShareOneConnectionWhichRecoversAfterARestart() throws InterruptedException {
        try (DovecotServer dovecot = DovecotServer.start(Map.of("ann", "secret-ann"));
             ImapGateway gateway = gateway(dovecot, WatchMode.idle())) {
            Credentials ann = Credentials.password("ann", "secret-ann", "127.0.0.1");
            MailAccount account = gateway.login(ann);
            account.createMailbox(MailboxName.of("Lists"));
            SyncToken token = account.syncToken(MailboxName.INBOX);
            assertTrue(token.usesModSeq(), "Dovecot has QRESYNC: " + token);
            int pooled = dovecot.connectionCount("ann");
            assertEquals(1, pooled, "one request at a time needs one pooled connection");

            LinkedBlockingQueue<ChangeSignal> signals = new LinkedBlockingQueue<>();
            Subscription[] subs = new Subscription[10];
            for (int i = 0; i < subs.length; i++) {
                subs[i] = gateway.watch(ann, i % 2 == 0 ? MailboxName.INBOX : MailboxName.of("Lists"), signals::add);
            }
            assertEquals(1, gateway.watchedUsers());
            assertEquals(1, dovecot.connectionCount("ann"), "ten subscribers: the watcher took the pooled connection");
            assertEquals(0, gateway.stats().openConnections(), "nothing left in the pool");

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
            while (dovecot.connectionCount("ann") > 1 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(1, gateway.stats().openConnections(), "the pool keeps the connection the query opened");
            assertEquals(1, dovecot.connectionCount("ann"), "the watcher's connection closed with the last one");
        }
    }

    @Test
    void subscribersQuestionsShareTheWatcherConnection() throws Exception {
        try (DovecotServer dovecot = DovecotServer.start(Map.of("ann", "secret-ann"));
             ImapGateway gateway = gateway(dovecot, WatchMode.idle())) {
            Credentials ann = Credentials.password("ann", "secret-ann", "127.0.0.1");
            List<Subscription> subs = new ArrayList<>();
            List<SyncToken> tokens = new ArrayList<>();
            LinkedBlockingQueue<ChangeSignal> signals = new LinkedBlockingQueue<>();
            for (int i = 0; i < 10; i++) {
                Subscription s = gateway.watch(ann, MailboxName.INBOX, signals::add);
                subs.add(s);
                tokens.add(s.syncToken().get(10, TimeUnit.SECONDS));
            }
            append(dovecot, "for all ten");
            assertSignals(signals, 10, ChangeSignal.Kind.CHANGED);
            List<CompletableFuture<Changes>> asked = new ArrayList<>();
            for (int i = 0; i < subs.size(); i++) {
                asked.add(subs.get(i).changesSince(tokens.get(i), 100));
            }
            for (CompletableFuture<Changes> answer : asked) {
                assertEquals(List.of("for all ten"), answer.get(10, TimeUnit.SECONDS).added().stream()
                        .map(MessageSummary::subject).toList());
            }
            assertEquals(1, dovecot.connectionCount("ann"), "ten subscribers asking: still one IMAP connection");
            assertEquals(0, gateway.stats().openConnections(), "no pooled connection besides the watcher's");

            ExecutionException foreign = assertThrows(ExecutionException.class, () -> subs.get(0)
                    .changesSince(SyncToken.ofModSeq(MailboxName.of("Other"), 1, 1, 1), 100)
                    .get(10, TimeUnit.SECONDS));
            assertInstanceOf(MailException.InvalidInput.class, foreign.getCause(), "another mailbox's token");
            subs.forEach(Subscription::close);
        }
    }

    @Test
    void pollModeReportsDovecotChangesSoonerThanIdle() throws Exception {
        try (DovecotServer dovecot = DovecotServer.start(Map.of("ann", "secret-ann"));
             ImapGateway idle = gateway(dovecot, WatchMode.idle());
             ImapGateway poll = gateway(dovecot, WatchMode.poll(Duration.ofMillis(100)))) {
            Credentials ann = Credentials.password("ann", "secret-ann", "127.0.0.1");
            LinkedBlockingQueue<Long> byIdle = new LinkedBlockingQueue<>();
            LinkedBlockingQueue<Long> byPoll = new LinkedBlockingQueue<>();
            List<Long> idleMillis = new ArrayList<>();
            List<Long> pollMillis = new ArrayList<>();
            try (Subscription a = idle.watch(ann, MailboxName.INBOX, s -> byIdle.add(System.nanoTime()));
                 Subscription b = poll.watch(ann, MailboxName.INBOX, s -> byPoll.add(System.nanoTime()))) {
                for (int i = 0; i < 7; i++) {
                    Thread.sleep(300);
                    byIdle.clear();
                    byPoll.clear();
                    append(dovecot, "poll " + i);
                    long appended = System.nanoTime();
                    idleMillis.add(TimeUnit.NANOSECONDS.toMillis(byIdle.poll(5, TimeUnit.SECONDS) - appended));
                    pollMillis.add(TimeUnit.NANOSECONDS.toMillis(byPoll.poll(5, TimeUnit.SECONDS) - appended));
                }
            }
            idleMillis.sort(null);
            pollMillis.sort(null);
            assertTrue(idleMillis.get(3) >= 400, "Dovecot holds IDLE notifications back 500 ms: " + idleMillis);
            assertTrue(pollMillis.get(3) < 250, "a NOOP every 100 ms reports the APPEND sooner: " + pollMillis);
        }
    }

    private static ImapGateway gateway(DovecotServer dovecot, WatchMode mode) {
        return ImapGateway.start(TestSettings.loopback(dovecot.imapPort(), Optional.empty())
                .withTimeouts(TIMEOUT, TIMEOUT, TIMEOUT), mode);
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

package org.lemongate.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lemongate.soap.wire.FolderChanges;
import org.lemongate.soap.wire.MailPortType;
import org.lemongate.soap.wire.MailService;
import org.lemongate.soap.wire.MessageFlags;
import org.lemongate.soap.wire.MessageSummary;

/**
 * Issue 6's acceptance run for the SOAP transport: 500 messages appended over IMAP at random intervals while two
 * subscribers follow the folder, one with a WaitForChanges loop that opens a new connection every few calls, one
 * polling SyncFolder in small pages at random moments. Each must see every message exactly once and in order, then
 * the flag changes and expunges made afterwards, each exactly once.
 */
class SyncUnderAppendsTest {

    @RegisterExtension
    static final SoapTestGateway gateway = SoapTestGateway.withDovecot();

    private static final int MESSAGES = 500;

    /** What one subscriber has seen, in the order it saw it. */
    private static final class Seen {
        final List<String> added = Collections.synchronizedList(new ArrayList<>());
        final List<Long> flagged = Collections.synchronizedList(new ArrayList<>());
        final List<Long> vanished = Collections.synchronizedList(new ArrayList<>());

        void apply(FolderChanges changes) {
            changes.getAdded().stream().map(MessageSummary::getMessageId).forEach(added::add);
            for (MessageFlags changed : changes.getChanged()) {
                if (changed.getFlag().contains("\\Flagged")) {
                    flagged.add(changed.getId().getUid());
                }
            }
            changes.getVanished().forEach(id -> vanished.add(id.getUid()));
        }

        void apply(SoapResponse reply) throws Exception {
            added.addAll(reply.texts("//m:changes/m:added/m:messageId"));
            reply.texts("//m:changes/m:changed[m:flag='\\Flagged']/m:id/m:uid")
                    .forEach(uid -> flagged.add(Long.valueOf(uid)));
            reply.texts("//m:changes/m:vanished/m:uid").forEach(uid -> vanished.add(Long.valueOf(uid)));
        }
    }

    @Test
    void everySubscriberSeesEachAppendOnceInOrderAndThenFlagsAndExpunges() throws Exception {
        MailService service = new MailService(gateway.uri("/soap/mail?wsdl").toURL());
        String start = SyncOperationsTest.authenticated(service.getMailPort()).syncFolder("INBOX", null, null)
                .getSyncState();
        Seen waiting = new Seen();
        Seen polling = new Seen();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<String> appended = new ArrayList<>();
        List<Long> uids = new ArrayList<>();
        try (ImapSession imap = new ImapSession(gateway.dovecot())) {
            Future<?> waiter = threads.submit(() -> waitLoop(start, waiting, stop));
            Future<?> poller = threads.submit(() -> pollLoop(
                    SyncOperationsTest.authenticated(service.getMailPort()), start, polling, stop));
            Random random = new Random(6);
            for (int i = 0; i < MESSAGES; i++) {
                String id = "m" + i + "@appends.test";
                uids.add(imap.append(id));
                appended.add("<" + id + ">");
                Thread.sleep(random.nextInt(12));
            }
            awaitSize(waiting.added, MESSAGES, waiter);
            awaitSize(polling.added, MESSAGES, poller);
            assertEquals(appended, waiting.added, "WaitForChanges saw each message once, in order");
            assertEquals(appended, polling.added, "SyncFolder saw each message once, in order");

            Set<Long> flagged = new TreeSet<>(uids.subList(10, 20));
            Set<Long> expunged = new TreeSet<>(uids.subList(100, 110));
            for (long uid : flagged) {
                imap.flag(uid);
            }
            for (long uid : expunged) {
                imap.expunge(uid);
            }
            for (Seen seen : List.of(waiting, polling)) {
                awaitSize(seen.flagged, flagged.size(), waiter);
                awaitSize(seen.vanished, expunged.size(), poller);
                assertEquals(flagged, new TreeSet<>(seen.flagged));
                assertEquals(flagged.size(), seen.flagged.size(), "each flag change once");
                assertEquals(expunged, new TreeSet<>(seen.vanished));
                assertEquals(expunged.size(), seen.vanished.size(), "each expunge once");
            }
            assertEquals(MESSAGES, waiting.added.size(), "nothing added after the run");
        } finally {
            stop.set(true);
            threads.shutdown();
            assertTrue(threads.awaitTermination(30, TimeUnit.SECONDS));
        }
    }

    /** WaitForChanges over raw HTTP, with a new HTTP client (so a new connection) every 7 calls. */
    private static Void waitLoop(String start, Seen seen, AtomicBoolean stop) throws Exception {
        String state = start;
        HttpClient http = null;
        for (int call = 0; !stop.get(); call++) {
            if (call % 7 == 0) {
                http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            }
            SoapResponse r = gateway.call(http, SoapRequest.soap11("WaitForChanges", "<m:folder>INBOX</m:folder>"
                    + "<m:syncState>" + state + "</m:syncState><m:maxWaitSeconds>2</m:maxWaitSeconds>"
                    + "<m:maxChanges>50</m:maxChanges>"));
            assertEquals(200, r.status(), r.body());
            seen.apply(r);
            state = r.text("//m:changes/m:syncState");
        }
        return null;
    }

    /** SyncFolder in pages of 7 with the generated client, at random moments. */
    private static Void pollLoop(MailPortType port, String start, Seen seen, AtomicBoolean stop) throws Exception {
        Random random = new Random(7);
        String state = start;
        while (!stop.get()) {
            FolderChanges changes = port.syncFolder("INBOX", state, 7L);
            seen.apply(changes);
            state = changes.getSyncState();
            if (!changes.isMore()) {
                Thread.sleep(random.nextInt(300));
            }
        }
        return null;
    }

    private static void awaitSize(List<?> list, int size, Future<?> subscriber) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (list.size() < size && System.nanoTime() < deadline) {
            if (subscriber.isDone()) {
                subscriber.get();
            }
            Thread.sleep(50);
        }
        assertTrue(list.size() >= size, "saw " + list.size() + " of " + size);
    }
}

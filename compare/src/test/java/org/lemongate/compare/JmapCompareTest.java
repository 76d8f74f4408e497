package org.lemongate.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.AndTerm;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.search.SearchTerm;
import jakarta.mail.search.SubjectTerm;

import org.junit.jupiter.api.Test;
import org.lemongate.testsupport.CyrusServer;
import org.lemongate.testsupport.LoopbackPorts;
import org.lemongate.testsupport.TcpProxy;

/**
 * The harness with {@code --jmap} against a real Cyrus: the IMAP baseline on Cyrus's IMAP and the JMAP client on its
 * own JMAP, same account, same folders, at a reduced size; every JMAP step's bytes held against a proxy's count, and
 * the JMAP client's two submissions held against what reached the SMTP server Cyrus sends through and what is in
 * Sent and Drafts.
 */
class JmapCompareTest {

    private static final WorkloadSize SMALL = new WorkloadSize(WorkloadSize.MIN_MESSAGES, 300_000);
    /** What a server may send beyond the reply a client has finished reading; a relay read is at most 64 KiB. */
    private static final long IN_FLIGHT_AT_STEP_END = 64 * 1024;

    @Test
    void jmapColumnHasRealFiguresMatchingAnIndependentCount() throws Exception {
        // Two SMTP servers, so that what Cyrus sent for the JMAP client is told apart from the baseline's sending.
        GreenMail baselineSmtp = smtpServer();
        GreenMail cyrusSmtp = smtpServer();
        baselineSmtp.setUser("ann@localhost", "ann", "secret");
        try (CyrusServer cyrus = CyrusServer.startSubmittingTo(Map.of("ann", "secret"),
                cyrusSmtp.getSmtp().getPort());
             TcpProxy imap = TcpProxy.start(cyrus.host(), cyrus.imapPort());
             TcpProxy jmap = TcpProxy.start(cyrus.host(), cyrus.httpPort())) {
            // No gateway runs here (the compare module has none): only the IMAP and JMAP clients are run.
            Endpoints endpoints = new Endpoints(URI.create("http://127.0.0.1:1/"),
                    URI.create("imap://127.0.0.1:" + imap.port()),
                    Optional.of(URI.create("smtp://127.0.0.1:" + baselineSmtp.getSmtp().getPort())),
                    Optional.empty(), "ann", "secret", Optional.of(URI.create("http://127.0.0.1:" + jmap.port())));
            ProxyCount count = new ProxyCount(jmap, new SentMail(cyrus));
            Report report = Compare.run(endpoints, SMALL, "ann@localhost", quiet(), count,
                    name -> name.equals("imap") || name.equals("jmap"));

            assertEquals(List.of("IMAP", "JMAP"), report.clients().stream().map(ClientResult::client).toList());
            ClientResult j = report.clients().get(1);
            for (Step step : Step.values()) {
                StepResult r = j.step(step);
                assertEquals(StepResult.Status.OK, r.status(), step + ": " + r.note());
                assertTrue(r.traffic().bytesReceived() > 0 && r.traffic().roundTrips() > 0, step + " has figures");
                count.check(r);
            }
            // Identity/get once, then per message the upload and one Email/import + EmailSubmission/set.
            assertEquals(1 + 2 * Workload.SEND, j.step(Step.SEND).latencies().size());
            assertSentThroughCyrus(cyrusSmtp);
            assertEquals(Workload.SEND, count.sentMail.sentCopiesAdded(), "sent copies in Sent, no longer drafts");
            assertEquals(List.of(0L, 0L), count.sentMail.drafts(), "drafts left in Drafts before and after");
            StepResult baselineSend = report.clients().get(0).step(Step.SEND);
            assertEquals(StepResult.Status.OK, baselineSend.status(), baselineSend.note());
            assertEquals(Workload.PUSH, j.step(Step.PUSH).pushMs().size());
            assertTrue(j.step(Step.ATTACHMENT).traffic().bytesReceived() >= SMALL.attachmentBytes());
            // Cyrus 3.6 answers a blob download's Range with the whole blob, and the step says so.
            assertTrue(j.step(Step.ATTACHMENT).note().contains("restarted"), j.step(Step.ATTACHMENT).note());
            // Its event source is off without WebSocket support (this build has none): push is polled.
            assertTrue(j.step(Step.PUSH).note().startsWith("no push from this server: polled Email/changes"));
            long initial = j.step(Step.INITIAL_SYNC).traffic().bytesReceived();
            long incremental = j.step(Step.INCREMENTAL_SYNC).traffic().bytesReceived();
            // Gzip makes the 51-message initial listing small (6.5 KB seen), so the incremental sync's two requests'
            // headers weigh more than for the other clients: half, not the third asked of REST and SOAP.
            assertTrue(incremental * 2 < initial, "incremental " + incremental + " bytes, initial " + initial);
            assertTrue(j.step(Step.INCREMENTAL_SYNC).note().startsWith("Email/changes"));
            StepResult baseline = report.clients().get(0).step(Step.INITIAL_SYNC);
            assertEquals(StepResult.Status.OK, baseline.status(), baseline.note());
        } finally {
            baselineSmtp.stop();
            cyrusSmtp.stop();
        }
    }

    /** Exactly the two messages of the send step reached Cyrus's SMTP server, with the run's header. */
    private static void assertSentThroughCyrus(GreenMail cyrusSmtp) throws Exception {
        MimeMessage[] received = cyrusSmtp.getReceivedMessages();
        assertEquals(Workload.SEND, received.length, "messages Cyrus sent by SMTP");
        List<String> subjects = new ArrayList<>();
        for (MimeMessage m : received) {
            subjects.add(m.getSubject());
            assertEquals(1, m.getHeader("X-Lemongate-Compare").length, "the run's header on " + m.getSubject());
            assertEquals("ann@localhost", m.getRecipients(Message.RecipientType.TO)[0].toString());
        }
        assertTrue(subjects.stream().allMatch(s -> s.matches("Compare run \\w+: sent message [12]")),
                subjects.toString());
        assertEquals(Workload.SEND, subjects.stream().distinct().count(), subjects.toString());
    }

    private static GreenMail smtpServer() {
        GreenMail smtp = new GreenMail(new ServerSetup(LoopbackPorts.pickFree(), LoopbackPorts.HOST,
                ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        return smtp;
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** The JMAP proxy's counts, read at the same moments the harness reads its relay. */
    private static final class ProxyCount implements StepListener {

        private final TcpProxy proxy;
        private final SentMail sentMail;
        private final Map<Step, long[]> atStart = new HashMap<>();
        private final Map<Step, long[]> deltas = new HashMap<>();

        ProxyCount(TcpProxy proxy, SentMail sentMail) {
            this.proxy = proxy;
            this.sentMail = sentMail;
        }

        @Override
        public void starting(String client, Step step) {
            if (client.equals("JMAP")) {
                if (step == Step.SEND) {
                    sentMail.look();
                }
                atStart.put(step, read());
            }
        }

        @Override
        public void finished(String client, StepResult result) {
            long[] start = atStart.get(result.step());
            if (client.equals("JMAP") && start != null) {
                if (result.step() == Step.SEND) {
                    sentMail.look();
                }
                long[] end = read();
                deltas.put(result.step(), new long[] {end[0] - start[0], end[1] - start[1], end[2] - start[2]});
            }
        }

        /** Bytes sent and connections exactly; bytes received but for what a cut leaves in flight. */
        void check(StepResult step) {
            long[] counted = deltas.get(step.step());
            String what = "JMAP " + step.step().title();
            assertEquals(counted[0], step.traffic().bytesSent(), what + ": bytes sent");
            assertEquals(counted[2], step.traffic().connections(), what + ": connections");
            long inFlight = counted[1] - step.traffic().bytesReceived();
            long bound = step.step() == Step.ATTACHMENT ? 2L * SMALL.attachmentBytes() : IN_FLIGHT_AT_STEP_END;
            assertTrue(inFlight >= 0 && inFlight <= bound, what + ": the proxy counted " + counted[1]
                    + " bytes received, the harness " + step.traffic().bytesReceived());
            if (step.step() != Step.PUSH) {
                assertEquals(step.latencies().size(), step.traffic().roundTrips(), what + ": one round trip a request");
            }
        }

        private long[] read() {
            return new long[] {proxy.bytesFromClients(), proxy.bytesToClients(), proxy.connectionsAccepted()};
        }
    }

    /**
     * Looks straight into Cyrus over IMAP (not through any relay) at how many of the JMAP client's sent messages are
     * in Sent, and how many messages are in Drafts. The run's folders and sent copies are removed when the run ends,
     * so this looks while the run is under way: before and after the JMAP client's send step.
     */
    private static final class SentMail {

        private final CyrusServer cyrus;
        private final List<Long> sentCopies = new ArrayList<>();
        private final List<Long> drafts = new ArrayList<>();

        SentMail(CyrusServer cyrus) {
            this.cyrus = cyrus;
        }

        void look() {
            Properties settings = new Properties();
            settings.put("mail.imap.host", cyrus.host());
            settings.put("mail.imap.port", String.valueOf(cyrus.imapPort()));
            try (Store store = Session.getInstance(settings).getStore("imap")) {
                store.connect("ann", "secret");
                // Sent copies that are no longer drafts; the baseline's own copies are there from before.
                sentCopies.add(count(store, "Sent", new AndTerm(new SubjectTerm(": sent message "),
                        new FlagTerm(new Flags(Flags.Flag.DRAFT), false))));
                drafts.add(count(store, "Drafts", new FlagTerm(new Flags(Flags.Flag.DRAFT), true)));
            } catch (MessagingException e) {
                throw new IllegalStateException("cannot look into Cyrus's Sent and Drafts", e);
            }
        }

        /** Sent copies the JMAP client's send step added. */
        long sentCopiesAdded() {
            return sentCopies.get(1) - sentCopies.get(0);
        }

        private static long count(Store store, String name, SearchTerm term) throws MessagingException {
            Folder folder = store.getFolder(name);
            folder.open(Folder.READ_ONLY);
            try {
                return folder.search(term).length;
            } finally {
                folder.close(false);
            }
        }

        List<Long> drafts() {
            return drafts;
        }
    }
}

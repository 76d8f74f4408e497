package org.lemongate.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.lemongate.testsupport.CyrusServer;
import org.lemongate.testsupport.TcpProxy;

/**
 * The harness with {@code --jmap} against a real Cyrus: the IMAP baseline on Cyrus's IMAP and the JMAP client on its
 * own JMAP, same account, same folders, at a reduced size; every JMAP step's bytes held against a proxy's count.
 */
class JmapCompareTest {

    private static final WorkloadSize SMALL = new WorkloadSize(WorkloadSize.MIN_MESSAGES, 300_000);
    /** What a server may send beyond the reply a client has finished reading; a relay read is at most 64 KiB. */
    private static final long IN_FLIGHT_AT_STEP_END = 64 * 1024;

    @Test
    void jmapColumnHasRealFiguresMatchingAnIndependentCount() throws Exception {
        try (CyrusServer cyrus = CyrusServer.start(Map.of("ann", "secret"));
             TcpProxy imap = TcpProxy.start(cyrus.host(), cyrus.imapPort());
             TcpProxy jmap = TcpProxy.start(cyrus.host(), cyrus.httpPort())) {
            // No gateway runs here (the compare module has none): only the IMAP and JMAP clients are run.
            Endpoints endpoints = new Endpoints(URI.create("http://127.0.0.1:1/"),
                    URI.create("imap://127.0.0.1:" + imap.port()), Optional.empty(), Optional.empty(), "ann",
                    "secret", Optional.of(URI.create("http://127.0.0.1:" + jmap.port())));
            ProxyCount count = new ProxyCount(jmap);
            Report report = Compare.run(endpoints, SMALL, "ann@localhost", quiet(), count,
                    name -> name.equals("imap") || name.equals("jmap"));

            assertEquals(List.of("IMAP", "JMAP"), report.clients().stream().map(ClientResult::client).toList());
            ClientResult j = report.clients().get(1);
            for (Step step : List.of(Step.INITIAL_SYNC, Step.OPEN, Step.ATTACHMENT, Step.FLAG, Step.MOVE,
                    Step.DELETE, Step.PUSH, Step.INCREMENTAL_SYNC)) {
                StepResult r = j.step(step);
                assertEquals(StepResult.Status.OK, r.status(), step + ": " + r.note());
                assertTrue(r.traffic().bytesReceived() > 0 && r.traffic().roundTrips() > 0, step + " has figures");
                count.check(r);
            }
            assertEquals(StepResult.Status.NOT_MEASURED, j.step(Step.SEND).status(), "no --smtp, nothing sent");
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
        }
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** The JMAP proxy's counts, read at the same moments the harness reads its relay. */
    private static final class ProxyCount implements StepListener {

        private final TcpProxy proxy;
        private final Map<Step, long[]> atStart = new HashMap<>();
        private final Map<Step, long[]> deltas = new HashMap<>();

        ProxyCount(TcpProxy proxy) {
            this.proxy = proxy;
        }

        @Override
        public void starting(String client, Step step) {
            if (client.equals("JMAP")) {
                atStart.put(step, read());
            }
        }

        @Override
        public void finished(String client, StepResult result) {
            long[] start = atStart.get(result.step());
            if (client.equals("JMAP") && start != null) {
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
}

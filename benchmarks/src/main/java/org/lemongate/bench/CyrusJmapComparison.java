package org.lemongate.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.PageRequest;
import org.lemongate.mapping.SearchCriteria;
import org.lemongate.mapping.imap.BackendSettings;
import org.lemongate.mapping.imap.ImapGateway;
import org.lemongate.testsupport.CyrusServer;

/**
 * Issue 3's comparison with a real JMAP server: a private Cyrus IMAP 3.6 serves one mailbox of 1,000 messages over
 * IMAP and over its own JMAP; the gateway (the built lemongate.jar in its own JVM) sits in front of the same IMAP.
 * Side by side, interleaved: the 50 newest summaries through REST, through Cyrus's JMAP (Email/query + Email/get
 * in one request), through the mapping layer in-process, and by a hand-written IMAP client; then the bytes each
 * HTTP answer takes, plain and gzipped.
 */
final class CyrusJmapComparison {

    private static final String USER = "bench";
    private static final String PASSWORD = "bench-secret";
    private static final int MESSAGES = 1000;
    private static final int PAGE = 50;
    private static final int WARMUP = 300;
    private static final int ITERATIONS = 300;

    private CyrusJmapComparison() {
    }

    static String run(boolean quick, Path jar) throws Exception {
        String loadBefore = loadAverage();
        try (CyrusServer cyrus = CyrusServer.start(Map.of(USER, PASSWORD))) {
            seed(cyrus);
            BackendSettings settings = BackendSettings.defaults(URI.create(cyrus.imapUrl()), Optional.empty())
                    .withStartTls(BackendSettings.StartTls.OFF);
            try (GatewayProcess gatewayProcess = GatewayProcess.start(jar, cyrus.imapUrl());
                 ImapGateway gateway = ImapGateway.start(settings);
                 HandWrittenImap hand = new HandWrittenImap(cyrus.host(), cyrus.imapPort(), USER, PASSWORD,
                         256 * 1024)) {
                MailAccount account = gateway.login(Credentials.password(USER, PASSWORD, "127.0.0.1"));
                BindingCalls rest = new BindingCalls(gatewayProcess.base(), USER, PASSWORD);
                JmapCalls jmap = new JmapCalls(URI.create(cyrus.jmapUrl()), USER, PASSWORD);
                checkSameWork(rest, jmap, account);
                int scale = quick ? 5 : 1;
                System.err.println("measuring list-50 against Cyrus ...");
                SideBySide contenders = new SideBySide("50 newest summaries")
                        .add("REST GET /api/v1/messages (gateway jar)", () -> rest.restList(PAGE, true))
                        .add("Cyrus JMAP Email/query + Email/get", () -> jmap.newestSummaries(PAGE, false, true))
                        .add("Cyrus JMAP, with preview (reference)", () -> jmap.newestSummaries(PAGE, true, true))
                        .add("mapping layer in-process (IMAP to Cyrus)", () -> account.listMessages(
                                MailboxName.INBOX, SearchCriteria.ALL, PageRequest.first(PAGE)))
                        .add("hand-written IMAP, plain socket (shows the ACK stall)",
                                () -> hand.newestSummaries(PAGE));
                System.err.println("warming up until the JIT compilers settle ...");
                String warmup = new Warmup(List.of(contenders), List.of(new JitActivity(gatewayProcess.pid(),
                        "gateway"), new JitActivity(ProcessHandle.current().pid(), "this JVM")), 20,
                        Duration.ofSeconds(quick ? 30 : 90)).run();
                List<SideBySide.Row> rows = contenders.run(WARMUP / scale, ITERATIONS / scale);
                return report(rows, rest, jmap, loadBefore) + "\n" + warmup + ", then " + WARMUP / scale
                        + " more interleaved calls each before the measured ones.\n";
            }
        }
    }

    /** Both HTTP answers carry the same 50 messages' summaries; otherwise the comparison would be meaningless. */
    private static void checkSameWork(BindingCalls rest, JmapCalls jmap, MailAccount account) throws Exception {
        int restCount = rest.restListBody(PAGE).split("\"receivedAt\"", -1).length - 1;
        int jmapCount = jmap.countSummaries(PAGE, false);
        int mappingCount = account.listMessages(MailboxName.INBOX, SearchCriteria.ALL, PageRequest.first(PAGE))
                .items().size();
        if (restCount != PAGE || jmapCount != PAGE || mappingCount != PAGE) {
            throw new IllegalStateException("expected " + PAGE + " summaries each, got REST " + restCount
                    + ", JMAP " + jmapCount + ", mapping layer " + mappingCount);
        }
    }

    private static void seed(CyrusServer cyrus) throws Exception {
        System.err.println("Cyrus on " + cyrus.imapUrl() + " and " + cyrus.jmapUrl() + "; filling the mailbox ...");
        Corpus corpus = new Corpus();
        try (HandWrittenImap seed = new HandWrittenImap(cyrus.host(), cyrus.imapPort(), USER, PASSWORD, 65536)) {
            List<jakarta.mail.Message> batch = corpus.ordinary(MESSAGES);
            for (int i = 0; i < batch.size(); i += 100) {
                seed.append(batch.subList(i, Math.min(batch.size(), i + 100)));
            }
        }
    }

    private static String report(List<SideBySide.Row> rows, BindingCalls rest, JmapCalls jmap, String loadBefore)
            throws IOException, InterruptedException {
        StringBuilder b = new StringBuilder();
        b.append("REST vs Cyrus's own JMAP, Cyrus IMAP 3.6 on loopback, ").append(MESSAGES)
                .append(" messages of 2-50 KB, ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, Java ").append(System.getProperty("java.version"))
                .append(", load average before ").append(loadBefore).append(" / after ").append(loadAverage())
                .append("\n\n| operation | implementation | n | p50 ms | p95 ms | p50 ratio to REST |\n")
                .append("|---|---|---:|---:|---:|---:|\n");
        for (SideBySide.Row r : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %d | %.2f | %.2f | %.2fx |%n", r.operation(),
                    r.contender(), r.n(), r.p50(), r.p95(), r.ratio()));
        }
        long restPlain = rest.restList(PAGE, false);
        long restGzip = rest.restList(PAGE, true);
        long jmapPlain = jmap.newestSummaries(PAGE, false, false);
        long jmapGzip = jmap.newestSummaries(PAGE, false, true);
        long previewPlain = jmap.newestSummaries(PAGE, true, false);
        long previewGzip = jmap.newestSummaries(PAGE, true, true);
        b.append("\n| answer (50 summaries) | bytes | gzip bytes |\n|---|---:|---:|\n")
                .append(String.format(Locale.ROOT, "| REST | %d | %d |%n", restPlain, restGzip))
                .append(String.format(Locale.ROOT, "| Cyrus JMAP | %d | %d |%n", jmapPlain, jmapGzip))
                .append(String.format(Locale.ROOT, "| Cyrus JMAP with preview | %d | %d |%n", previewPlain,
                        previewGzip));
        double speed = rows.get(1).p50() / rows.get(0).p50();
        b.append(String.format(Locale.ROOT, "%nREST vs JMAP: p50 %.2f vs %.2f ms (JMAP/REST %.2fx, target > 1), "
                        + "gzip %d vs %d bytes (target REST <= JMAP): %s%n", rows.get(0).p50(), rows.get(1).p50(),
                speed, restGzip, jmapGzip, speed > 1 && restGzip <= jmapGzip ? "met" : "NOT met"));
        return b.toString();
    }

    /** The 1, 5 and 15 minute load averages, to judge how much other work shared the machine. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException unreadable) {
            return "(unknown)";
        }
    }
}

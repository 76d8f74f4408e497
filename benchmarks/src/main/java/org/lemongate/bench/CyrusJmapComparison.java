package org.lemongate.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.lemongate.bench.BindingCalls.Client;
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
 * The 50 newest summaries through REST and through Cyrus's JMAP (Email/query + Email/get in one request), each
 * through the same two HTTP clients, and through the mapping layer in-process, side by side in shuffled order:
 * back to back, and after an idle gap before every call as a mobile app calls; then, apart, the two references that
 * stall on delayed ACKs (a hand-written IMAP client, JMAP with {@code preview}); then the bytes each HTTP answer
 * takes, plain and gzipped. ADR 0085 says why the stalling references are kept apart.
 */
final class CyrusJmapComparison {

    private static final String USER = "bench";
    private static final String PASSWORD = "bench-secret";
    private static final int MESSAGES = 1000;
    private static final int PAGE = 50;
    private static final int WARMUP = 300;
    private static final int ITERATIONS = 300;
    /** Longer than the ~20 ms after which a call on this machine no longer gets slower with a longer gap. */
    private static final Duration IDLE_GAP = Duration.ofMillis(50);
    private static final int IDLE_WARMUP = 50;
    private static final int STALLING_ITERATIONS = 50;
    private static final long ORDER_SEED = 3;

    private CyrusJmapComparison() {
    }

    static String run(boolean quick, Path jar) throws Exception {
        String loadBefore = loadAverage();
        try (CyrusServer cyrus = CyrusServer.start(Map.of(USER, PASSWORD))) {
            seed(cyrus);
            BackendSettings settings = BackendSettings.defaults(URI.create(cyrus.imapUrl()), Optional.empty())
                    .withStartTls(BackendSettings.StartTls.OFF);
            URI jmapUri = URI.create(cyrus.jmapUrl());
            try (GatewayProcess gatewayProcess = GatewayProcess.start(jar, cyrus.imapUrl());
                 ImapGateway gateway = ImapGateway.start(settings);
                 HandWrittenImap hand = new HandWrittenImap(cyrus.host(), cyrus.imapPort(), USER, PASSWORD,
                         256 * 1024);
                 BindingCalls rest = new BindingCalls(gatewayProcess.base(), USER, PASSWORD, Client.BLOCKING);
                 BindingCalls restJdk = new BindingCalls(gatewayProcess.base(), USER, PASSWORD, Client.JDK);
                 JmapCalls jmap = new JmapCalls(jmapUri, USER, PASSWORD, Client.BLOCKING);
                 JmapCalls jmapJdk = new JmapCalls(jmapUri, USER, PASSWORD, Client.JDK)) {
                MailAccount account = gateway.login(Credentials.password(USER, PASSWORD, "127.0.0.1"));
                checkSameWork(rest, jmap, account);
                int scale = quick ? 5 : 1;
                SideBySide backToBack = contenders("50 newest summaries, back to back", rest, restJdk, jmap,
                        jmapJdk, account);
                SideBySide afterIdle = contenders("50 newest summaries, " + IDLE_GAP.toMillis() + " ms idle before "
                        + "each call", rest, restJdk, jmap, jmapJdk, account);
                SideBySide stalling = new SideBySide("50 newest summaries, stalling references")
                        .add("Cyrus JMAP with preview, " + Client.JDK.label(),
                                () -> jmapJdk.newestSummaries(PAGE, true, true))
                        .add("hand-written IMAP, plain socket (shows the ACK stall)",
                                () -> hand.newestSummaries(PAGE));
                System.err.println("warming up until the JIT compilers settle ...");
                String warmup = new Warmup(List.of(backToBack), List.of(new JitActivity(gatewayProcess.pid(),
                        "gateway"), new JitActivity(ProcessHandle.current().pid(), "this JVM")), 50,
                        Duration.ofSeconds(quick ? 30 : 90)).run();
                System.err.println("measuring list-50 against Cyrus, back to back ...");
                List<SideBySide.Row> rows = new ArrayList<>(backToBack.runShuffled(WARMUP / scale,
                        ITERATIONS / scale, Duration.ZERO, ORDER_SEED));
                System.err.println("measuring list-50 against Cyrus, after idle gaps ...");
                rows.addAll(afterIdle.runShuffled(IDLE_WARMUP / scale, ITERATIONS / scale, IDLE_GAP, ORDER_SEED));
                rows.addAll(stalling.runShuffled(0, STALLING_ITERATIONS / scale, Duration.ZERO, ORDER_SEED));
                return report(rows, rest, jmap, loadBefore) + "\n" + warmup + " (the stalling references not "
                        + "called), then " + WARMUP / scale + " more back-to-back and " + IDLE_WARMUP / scale
                        + " after-idle calls each before the measured ones.\n";
            }
        }
    }

    /** The compared calls: REST and JMAP through each client, and the mapping layer in-process. */
    private static SideBySide contenders(String operation, BindingCalls rest, BindingCalls restJdk, JmapCalls jmap,
            JmapCalls jmapJdk, MailAccount account) {
        return new SideBySide(operation)
                .add(restLabel(Client.BLOCKING), () -> rest.restList(PAGE, true))
                .add(jmapLabel(Client.BLOCKING), () -> jmap.newestSummaries(PAGE, false, true))
                .add(restLabel(Client.JDK), () -> restJdk.restList(PAGE, true))
                .add(jmapLabel(Client.JDK), () -> jmapJdk.newestSummaries(PAGE, false, true))
                .add("mapping layer in-process (IMAP to Cyrus)", () -> account.listMessages(MailboxName.INBOX,
                        SearchCriteria.ALL, PageRequest.first(PAGE)));
    }

    private static String restLabel(Client client) {
        return "REST GET /api/v1/messages (gateway jar), " + client.label();
    }

    private static String jmapLabel(Client client) {
        return "Cyrus JMAP Email/query + Email/get, " + client.label();
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
                .append("\n\n| operation | implementation | n | p50 ms | p95 ms | p50 ratio to the first row |\n")
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
        b.append('\n');
        boolean faster = true;
        for (SideBySide.Row r : rows) {
            if (r.contender().equals(restLabel(Client.BLOCKING))) {
                SideBySide.Row j = rows.stream().filter(o -> o.operation().equals(r.operation())
                        && o.contender().equals(jmapLabel(Client.BLOCKING))).findFirst().orElseThrow();
                faster &= j.p50() > r.p50();
                b.append(String.format(Locale.ROOT, "REST vs JMAP (%s), %s: p50 %.2f vs %.2f ms, JMAP/REST %.2fx%n",
                        Client.BLOCKING.label(), r.operation(), r.p50(), j.p50(), j.p50() / r.p50()));
            }
        }
        b.append(String.format(Locale.ROOT, "Target (faster than JMAP back to back and after idle gaps, gzip %d vs "
                + "%d bytes no more than JMAP): %s%n", restGzip, jmapGzip, faster && restGzip <= jmapGzip ? "met"
                : "NOT met"));
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

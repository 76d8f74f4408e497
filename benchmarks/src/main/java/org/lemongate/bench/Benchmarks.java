package org.lemongate.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.lemongate.mapping.ByteRange;
import org.lemongate.mapping.Content;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.FlagChange;
import org.lemongate.mapping.Flags;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.PageRequest;
import org.lemongate.mapping.SearchCriteria;
import org.lemongate.mapping.SystemFlag;
import org.lemongate.mapping.imap.BackendSettings;
import org.lemongate.mapping.imap.ImapGateway;
import org.lemongate.testsupport.DovecotServer;

/**
 * Prints side-by-side figures; not a test.
 * {@code java -jar lemongate-benchmarks.jar mapping [--quick] [--rounds N] [--out FILE]}
 * starts a private Dovecot on a free loopback port, fills a mailbox, and compares the mapping layer with the
 * minimal hand-written Jakarta Mail sequence for the same work; {@code cyrus-jmap} compares REST with Cyrus's own
 * JMAP on one Cyrus mailbox (see {@link CyrusJmapComparison}).
 */
public final class Benchmarks {

    private static final int FETCH_CHUNK = 256 * 1024;
    /**
     * Warm-up calls per contender: enough for the JIT to compile both sides' code paths, so that the figures are
     * those of a long-running gateway (and of a long-running hand-written client), not of interpreted code.
     */
    private static final int WARMUP_LIST = 300;
    private static final int WARMUP_CHEAP = 3000;
    /** Rounds of the mapping benchmark, each on new connections; the report gives their medians. */
    private static final int DEFAULT_ROUNDS = 3;
    /** The operations and contenders of the {@code bindings} mode, as its tables name them. */
    private static final String LIST = "list 50 newest summaries";
    private static final String GET = "get a 100 KB message";
    private static final String MAPPING = "mapping layer (in-process)";
    private static final String REST_LIST = "REST GET /api/v1/messages";
    private static final String REST_RAW = "REST GET /api/v1/messages/{id}/raw";
    private static final String SOAP_LIST = "SOAP ListMessages";
    private static final String SOAP_MIME = "SOAP GetMessageMime";

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !List.of("mapping", "bindings", "soap-wait", "webdav", "push", "push-scale",
                "cyrus-jmap").contains(args[0])) {
            System.err.println("usage: java -jar lemongate-benchmarks.jar mapping|bindings|soap-wait|webdav|push"
                    + "|push-scale|cyrus-jmap [--quick] [--out FILE] [--rounds N] [--get-only (webdav)]"
                    + " [--gateway-jar app/target/lemongate.jar] [--push-poll-interval 150ms (push-scale)]");
            System.exit(2);
        }
        boolean quick = List.of(args).contains("--quick");
        Optional<Path> out = Optional.empty();
        Path jar = Path.of("app", "target", "lemongate.jar");
        int rounds = quick ? 1 : DEFAULT_ROUNDS;
        Optional<String> poll = Optional.empty();
        for (int i = 1; i < args.length - 1; i++) {
            if (args[i].equals("--out")) {
                out = Optional.of(Path.of(args[i + 1]));
            } else if (args[i].equals("--rounds")) {
                rounds = Integer.parseInt(args[i + 1]);
                if (rounds < 1) {
                    throw new IllegalArgumentException("--rounds must be at least 1");
                }
            } else if (args[i].equals("--push-poll-interval")) {
                poll = Optional.of(args[i + 1]);
            } else if (args[i].equals("--gateway-jar")) {
                jar = Path.of(args[i + 1]);
            }
        }
        String report = switch (args[0]) {
            case "mapping" -> mapping(quick, rounds);
            case "soap-wait" -> SoapWaitLatency.run(quick, jar);
            case "webdav" -> WebdavBench.run(quick, List.of(args).contains("--get-only"));
            case "push" -> PushLatency.run(quick, jar);
            case "push-scale" -> PushScale.run(quick, jar, poll);
            case "cyrus-jmap" -> CyrusJmapComparison.run(quick, jar);
            default -> bindings(quick, jar);
        };
        System.out.println(report);
        if (out.isPresent()) {
            Files.writeString(out.get(), report);
        }
    }

    static String mapping(boolean quick, int rounds) throws Exception {
        String user = "bench";
        String password = "bench-secret";
        try (DovecotServer dovecot = DovecotServer.start(Map.of(user, password))) {
            Seeded seeded = seed(dovecot, user, password);
            BackendSettings settings = BackendSettings.defaults(URI.create(dovecot.imapUrl()), Optional.empty())
                    .withStartTls(BackendSettings.StartTls.OFF);
            Rounds all = new Rounds();
            for (int round = 1; round <= rounds; round++) {
                System.err.println("round " + round + " of " + rounds + " ...");
                try (ImapGateway gateway = ImapGateway.start(settings);
                     HandWrittenImap hand = new HandWrittenImap(dovecot.host(), dovecot.imapPort(), user, password,
                             FETCH_CHUNK)) {
                    all.add(mappingRound(gateway.login(Credentials.password(user, password, "127.0.0.1")), hand,
                            seeded, quick ? 5 : 1));
                }
            }
            return header("Mapping layer vs hand-written Jakarta Mail") + "Medians of " + rounds
                    + " rounds, each on new connections of both sides.\n\n" + all.table();
        }
    }

    /** One round of the four operations, both sides on connections of their own opened for this round. */
    private static List<SideBySide.Row> mappingRound(MailAccount account, HandWrittenImap hand, Seeded seeded,
                                                     int scale) throws Exception {
        long uidValidity = account.mailbox(MailboxName.INBOX).status().orElseThrow().uidValidity();
        long uid100k = seeded.uid100k();
        long uid20m = seeded.uid20m();
        MessageRef ref100k = MessageRef.of(MailboxName.INBOX, uidValidity, uid100k);
        MessageRef ref20m = MessageRef.of(MailboxName.INBOX, uidValidity, uid20m);
        List<SideBySide.Row> rows = new ArrayList<>();
        System.err.println("measuring list-100 ...");
        rows.addAll(new SideBySide("list 100 newest summaries")
                .add("hand-written Jakarta Mail (UID SORT + one UID FETCH)", () -> check(hand.newestSummaries(100)))
                .add("mapping layer", () -> check(account.listMessages(MailboxName.INBOX, SearchCriteria.ALL,
                        PageRequest.first(100)).items().size()))
                .add("Jakarta Mail FetchProfile (reference)", () -> check(hand.newestSummariesFetchProfile(100)))
                .add("Jakarta Mail untuned default (reference)", () -> check(hand.newestSummariesUntuned(100)))
                .run(WARMUP_LIST / scale, 200 / scale));
        System.err.println("measuring fetch-100KB ...");
        rows.addAll(new SideBySide("fetch a 100 KB message")
                .add("hand-written Jakarta Mail", () -> hand.raw(uid100k))
                .add("mapping layer", () -> drain(account.openRaw(ref100k, ByteRange.ALL)))
                .run(WARMUP_CHEAP / scale, 300 / scale));
        System.err.println("measuring fetch-20MB-attachment ...");
        rows.addAll(new SideBySide("fetch a 20 MB attachment (decoded)")
                .add("hand-written Jakarta Mail", () -> hand.attachment(uid20m, 1))
                .add("mapping layer", () -> drain(account.openPart(ref20m, "2", ByteRange.ALL)))
                .run(3 / Math.min(scale, 3), 30 / scale));
        System.err.println("measuring flag change ...");
        // Each side toggles a message of its own, so every call really changes a flag: on a shared message half the
        // calls would find the flag already as asked, and a server may then report nothing back. Each round makes
        // an even number of calls, so the next round starts from an unflagged message again.
        boolean[] on = {true};
        boolean[] onHand = {true};
        MessageRef ownRef = MessageRef.of(MailboxName.INBOX, uidValidity, seeded.uidSecond());
        rows.addAll(new SideBySide("change a flag")
                .add("hand-written Jakarta Mail", () -> {
                    hand.flag(seeded.uidFirst(), onHand[0]);
                    onHand[0] = !onHand[0];
                })
                .add("mapping layer", () -> {
                    Flags f = Flags.of(SystemFlag.FLAGGED);
                    account.changeFlags(List.of(ownRef), on[0] ? FlagChange.adding(f) : FlagChange.removing(f));
                    on[0] = !on[0];
                })
                .run(WARMUP_CHEAP / scale, 300 / scale));
        return rows;
    }

    /** UIDs of the two special messages in the benchmark mailbox. */
    private record Seeded(long uid100k, long uid20m, long uidFirst, long uidSecond) {
    }

    /** 1,000 ordinary messages of 2-50 KB, a 20 MB attachment and a 100 KB message, appended over IMAP. */
    private static Seeded seed(DovecotServer dovecot, String user, String password) throws Exception {
        System.err.println("Dovecot on " + dovecot.imapUrl() + "; filling the mailbox ...");
        Corpus corpus = new Corpus();
        try (HandWrittenImap seed = new HandWrittenImap(dovecot.host(), dovecot.imapPort(), user, password,
                FETCH_CHUNK)) {
            List<jakarta.mail.Message> batch = corpus.ordinary(1000);
            long[] first = seed.append(batch.subList(0, 100));
            for (int i = 100; i < batch.size(); i += 100) {
                seed.append(batch.subList(i, Math.min(batch.size(), i + 100)));
            }
            long uid20m = seed.append(List.of(corpus.withAttachment(20 * 1024 * 1024)))[0];
            long uid100k = seed.append(List.of(corpus.text("Hundred kilobytes", 100 * 1024, new java.util.Date())))[0];
            return new Seeded(uid100k, uid20m, first[0], first[1]);
        }
    }

    /**
     * REST and SOAP against the mapping layer they both call, in one run: a gateway in its own JVM (the built
     * lemongate.jar) in front of the same Dovecot, one keep-alive connection per binding and client, gzip accepted.
     * Each binding is called through two clients sending the same requests: {@code java.net.http} and a blocking
     * socket client ({@link BlockingHttp}); both read and check every answer in full.
     */
    static String bindings(boolean quick, Path jar) throws Exception {
        String user = "bench";
        String password = "bench-secret";
        try (DovecotServer dovecot = DovecotServer.start(Map.of(user, password))) {
            Seeded seeded = seed(dovecot, user, password);
            BackendSettings settings = BackendSettings.defaults(URI.create(dovecot.imapUrl()), Optional.empty())
                    .withStartTls(BackendSettings.StartTls.OFF);
            try (GatewayProcess gatewayProcess = GatewayProcess.start(jar, dovecot.imapUrl());
                 ImapGateway gateway = ImapGateway.start(settings);
                 BindingCalls restJdk = new BindingCalls(gatewayProcess.base(), user, password);
                 BindingCalls restBlocking = new BindingCalls(gatewayProcess.base(), user, password,
                         BindingCalls.Client.BLOCKING);
                 BindingCalls soapJdk = new BindingCalls(gatewayProcess.base(), user, password);
                 BindingCalls soapBlocking = new BindingCalls(gatewayProcess.base(), user, password,
                         BindingCalls.Client.BLOCKING)) {
                MailAccount account = gateway.login(Credentials.password(user, password, "127.0.0.1"));
                long uidValidity = account.mailbox(MailboxName.INBOX).status().orElseThrow().uidValidity();
                MessageRef ref100k = MessageRef.of(MailboxName.INBOX, uidValidity, seeded.uid100k());
                long uid100k = seeded.uid100k();
                BindingAnswers answers = BindingAnswers.check(restJdk, restBlocking, soapJdk, soapBlocking,
                        uidValidity, uid100k, account, ref100k);
                SideBySide list = new SideBySide(LIST)
                        .add(MAPPING, () -> account.listMessages(MailboxName.INBOX, SearchCriteria.ALL,
                                PageRequest.first(50)));
                SideBySide get = new SideBySide(GET)
                        .add(MAPPING, () -> drain(account.openRaw(ref100k, ByteRange.ALL)));
                for (BindingCalls rest : List.of(restBlocking, restJdk)) {
                    list.add(REST_LIST + " (" + rest.client().label() + ")",
                            () -> answers.expectRestList(rest.restList(50, true)));
                    get.add(REST_RAW + " (" + rest.client().label() + ")",
                            () -> answers.expectRestRaw(rest.restRaw("INBOX", uidValidity, uid100k, true)));
                }
                for (BindingCalls soap : List.of(soapBlocking, soapJdk)) {
                    list.add(SOAP_LIST + " (" + soap.client().label() + ")", () -> soap.soapList(50, true));
                    get.add(SOAP_MIME + " (" + soap.client().label() + ")",
                            () -> soap.soapMime("INBOX", uidValidity, uid100k, true));
                }
                int scale = quick ? 5 : 1;
                System.err.println("warming up until the JIT compilers settle ...");
                String warmup = new Warmup(List.of(list, get), List.of(new JitActivity(gatewayProcess.pid(),
                        "gateway"), new JitActivity(ProcessHandle.current().pid(), "this JVM")), 50,
                        Duration.ofSeconds(quick ? 30 : 120)).run();
                List<SideBySide.Row> rows = new ArrayList<>();
                System.err.println("measuring list-50 ...");
                rows.addAll(list.run(WARMUP_LIST / scale, 300 / scale));
                System.err.println("measuring get-100KB ...");
                rows.addAll(get.run(WARMUP_LIST / scale, 300 / scale));
                StringBuilder b = new StringBuilder(table("REST and SOAP against the mapping layer", rows));
                b.append("\n").append(warmup).append(", then ").append(WARMUP_LIST / scale)
                        .append(" more interleaved calls each before the measured ones.\n");
                b.append("\n| response | REST bytes | REST gzip | SOAP bytes | SOAP gzip | SOAP/REST gzip |\n");
                b.append("|---|---:|---:|---:|---:|---:|\n");
                sizes(b, "list 50 newest summaries", restJdk.restList(50, false), restJdk.restList(50, true),
                        soapJdk.soapList(50, false), soapJdk.soapList(50, true));
                sizes(b, "get a 100 KB message", restJdk.restRaw("INBOX", uidValidity, uid100k, false),
                        restJdk.restRaw("INBOX", uidValidity, uid100k, true),
                        soapJdk.soapMime("INBOX", uidValidity, uid100k, false),
                        soapJdk.soapMime("INBOX", uidValidity, uid100k, true));
                for (BindingCalls.Client client : BindingCalls.Client.values()) {
                    String c = " (" + client.label() + ")";
                    b.append(String.format(java.util.Locale.ROOT, "%nHTTP client: %s%n", client.label()));
                    double restList = p50(rows, LIST, REST_LIST + c);
                    double restRaw = p50(rows, GET, REST_RAW + c);
                    b.append(String.format(java.util.Locale.ROOT, "SOAP/REST p50 latency: list-50 %.2fx, "
                            + "get-100KB %.2fx%n", p50(rows, LIST, SOAP_LIST + c) / restList,
                            p50(rows, GET, SOAP_MIME + c) / restRaw));
                    b.append(String.format(java.util.Locale.ROOT, "REST over the mapping layer at p50: list-50 "
                            + "%+.2f ms, get-100KB %+.2f ms%n", restList - p50(rows, LIST, MAPPING),
                            restRaw - p50(rows, GET, MAPPING)));
                }
                Duration turn = Duration.ofSeconds(quick ? 3 : 10);
                ConcurrentThroughput listAtOnce = new ConcurrentThroughput(() -> account.listMessages(
                        MailboxName.INBOX, SearchCriteria.ALL, PageRequest.first(50)), restJdk.restListUri(50),
                        restJdk.authorization(), gatewayProcess.pid(), turn);
                ConcurrentThroughput rawAtOnce = new ConcurrentThroughput(() -> drain(account.openRaw(ref100k,
                        ByteRange.ALL)), restJdk.restRawUri("INBOX", uidValidity, uid100k), restJdk.authorization(),
                        gatewayProcess.pid(), turn);
                System.err.println("measuring " + ConcurrentThroughput.CLIENTS + " concurrent clients ...");
                int rounds = quick ? 1 : 3;
                b.append(String.format(java.util.Locale.ROOT, "%n%d concurrent clients, %d s turns taking turns "
                        + "(REST client: %s):%n%n", ConcurrentThroughput.CLIENTS, turn.toSeconds(),
                        listAtOnce.client()));
                b.append("| operation | round | mapping layer calls/s | REST requests/s | REST/mapping | "
                        + "mapping CPU ms/call (this JVM) | gateway CPU ms/request | of which JIT |\n"
                        + "|---|---|---:|---:|---:|---:|---:|---:|\n");
                b.append(ConcurrentThroughput.table("list 50 newest summaries", listAtOnce.run(rounds)));
                b.append(ConcurrentThroughput.table("get a 100 KB message", rawAtOnce.run(rounds)));
                return b.toString();
            }
        }
    }

    private static double p50(List<SideBySide.Row> rows, String operation, String contender) {
        return rows.stream().filter(r -> r.operation().equals(operation) && r.contender().equals(contender))
                .findFirst().orElseThrow().p50();
    }

    private static void sizes(StringBuilder b, String what, long rest, long restGzip, long soap, long soapGzip) {
        b.append(String.format(java.util.Locale.ROOT, "| %s | %d | %d | %d | %d | %.2fx |%n", what, rest, restGzip,
                soap, soapGzip, (double) soapGzip / restGzip));
    }

    private static void check(int seen) {
        if (seen != 100) {
            throw new IllegalStateException("expected 100 summaries, got " + seen);
        }
    }

    private static void drain(Content c) throws Exception {
        try (c; InputStream in = c.stream()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static String dovecotVersion() {
        try {
            Process p = new ProcessBuilder("dovecot", "--version").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            p.waitFor();
            return v;
        } catch (java.io.IOException e) {
            return "(version unknown)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(version unknown)";
        }
    }

    private static String header(String title) {
        return title + ", Dovecot " + dovecotVersion() + " on loopback, " + Runtime.getRuntime().availableProcessors()
                + " cores, Java " + System.getProperty("java.version") + "\n\n";
    }

    private static String table(String title, List<SideBySide.Row> rows) {
        StringBuilder b = new StringBuilder(header(title));
        b.append("| operation | implementation | n | p50 ms | p95 ms | p50 ratio | client CPU p50 ms |\n");
        b.append("|---|---|---:|---:|---:|---:|---:|\n");
        for (SideBySide.Row r : rows) {
            b.append(String.format(java.util.Locale.ROOT, "| %s | %s | %d | %.2f | %.2f | %.2fx | %.3f |%n",
                    r.operation(), r.contender(), r.n(), r.p50(), r.p95(), r.ratio(), r.cpuP50()));
        }
        return b.toString();
    }
}

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
     * lemongate.jar) in front of the same Dovecot, one keep-alive connection per binding, gzip accepted.
     */
    static String bindings(boolean quick, Path jar) throws Exception {
        String user = "bench";
        String password = "bench-secret";
        try (DovecotServer dovecot = DovecotServer.start(Map.of(user, password))) {
            Seeded seeded = seed(dovecot, user, password);
            BackendSettings settings = BackendSettings.defaults(URI.create(dovecot.imapUrl()), Optional.empty())
                    .withStartTls(BackendSettings.StartTls.OFF);
            try (GatewayProcess gatewayProcess = GatewayProcess.start(jar, dovecot.imapUrl());
                 ImapGateway gateway = ImapGateway.start(settings)) {
                MailAccount account = gateway.login(Credentials.password(user, password, "127.0.0.1"));
                long uidValidity = account.mailbox(MailboxName.INBOX).status().orElseThrow().uidValidity();
                MessageRef ref100k = MessageRef.of(MailboxName.INBOX, uidValidity, seeded.uid100k());
                BindingCalls rest = new BindingCalls(gatewayProcess.base(), user, password);
                BindingCalls soap = new BindingCalls(gatewayProcess.base(), user, password);
                int scale = quick ? 5 : 1;
                List<SideBySide.Row> rows = new ArrayList<>();
                System.err.println("measuring list-50 ...");
                rows.addAll(new SideBySide("list 50 newest summaries")
                        .add("mapping layer (in-process)", () -> account.listMessages(MailboxName.INBOX,
                                SearchCriteria.ALL, PageRequest.first(50)))
                        .add("REST GET /api/v1/messages", () -> rest.restList(50, true))
                        .add("SOAP ListMessages", () -> soap.soapList(50, true))
                        .run(WARMUP_LIST / scale, 300 / scale));
                System.err.println("measuring get-100KB ...");
                rows.addAll(new SideBySide("get a 100 KB message")
                        .add("mapping layer (in-process)", () -> drain(account.openRaw(ref100k, ByteRange.ALL)))
                        .add("REST GET /api/v1/messages/{id}/raw", () -> rest.restRaw("INBOX", uidValidity,
                                seeded.uid100k(), true))
                        .add("SOAP GetMessageMime", () -> soap.soapMime("INBOX", uidValidity, seeded.uid100k(), true))
                        .run(WARMUP_LIST / scale, 300 / scale));
                StringBuilder b = new StringBuilder(table("REST and SOAP against the mapping layer", rows));
                b.append("\n| response | REST bytes | REST gzip | SOAP bytes | SOAP gzip | SOAP/REST gzip |\n");
                b.append("|---|---:|---:|---:|---:|---:|\n");
                sizes(b, "list 50 newest summaries", rest.restList(50, false), rest.restList(50, true),
                        soap.soapList(50, false), soap.soapList(50, true));
                sizes(b, "get a 100 KB message", rest.restRaw("INBOX", uidValidity, seeded.uid100k(), false),
                        rest.restRaw("INBOX", uidValidity, seeded.uid100k(), true),
                        soap.soapMime("INBOX", uidValidity, seeded.uid100k(), false),
                        soap.soapMime("INBOX", uidValidity, seeded.uid100k(), true));
                b.append("\nSOAP/REST p50 latency: ");
                b.append(String.format(java.util.Locale.ROOT, "list-50 %.2fx, get-100KB %.2fx%n",
                        rows.get(2).p50() / rows.get(1).p50(), rows.get(5).p50() / rows.get(4).p50()));
                b.append(String.format(java.util.Locale.ROOT, "REST over the mapping layer at p50: list-50 +%.2f ms, "
                        + "get-100KB +%.2f ms%n", rows.get(1).p50() - rows.get(0).p50(),
                        rows.get(4).p50() - rows.get(3).p50()));
                Duration turn = Duration.ofSeconds(quick ? 3 : 10);
                ConcurrentThroughput list = new ConcurrentThroughput(() -> account.listMessages(MailboxName.INBOX,
                        SearchCriteria.ALL, PageRequest.first(50)), rest.restListUri(50), rest.authorization(),
                        gatewayProcess.pid(), turn);
                ConcurrentThroughput raw = new ConcurrentThroughput(() -> drain(account.openRaw(ref100k,
                        ByteRange.ALL)), rest.restRawUri("INBOX", uidValidity, seeded.uid100k()), rest.authorization(),
                        gatewayProcess.pid(), turn);
                System.err.println("measuring " + ConcurrentThroughput.CLIENTS + " concurrent clients ...");
                int rounds = quick ? 1 : 3;
                b.append(String.format(java.util.Locale.ROOT, "%n%d concurrent clients, %d s turns taking turns "
                        + "(REST client: %s):%n%n", ConcurrentThroughput.CLIENTS, turn.toSeconds(), list.client()));
                b.append("| operation | round | mapping layer calls/s | REST requests/s | REST/mapping | "
                        + "mapping CPU ms/call (this JVM) | gateway CPU ms/request | of which JIT |\n"
                        + "|---|---|---:|---:|---:|---:|---:|---:|\n");
                b.append(ConcurrentThroughput.table("list 50 newest summaries", list.run(rounds)));
                b.append(ConcurrentThroughput.table("get a 100 KB message", raw.run(rounds)));
                return b.toString();
            }
        }
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

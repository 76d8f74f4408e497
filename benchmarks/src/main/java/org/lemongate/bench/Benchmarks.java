package org.lemongate.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Prints side-by-side figures; not a test. {@code java -jar lemongate-benchmarks.jar mapping [--quick] [--out FILE]}
 * starts a private Dovecot on a free loopback port, fills a mailbox, and compares the mapping layer with the
 * minimal hand-written Jakarta Mail sequence for the same work.
 */
public final class Benchmarks {

    private static final int FETCH_CHUNK = 256 * 1024;

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !args[0].equals("mapping")) {
            System.err.println("usage: java -jar lemongate-benchmarks.jar mapping [--quick] [--out FILE]");
            System.exit(2);
        }
        boolean quick = List.of(args).contains("--quick");
        Optional<Path> out = Optional.empty();
        for (int i = 1; i < args.length - 1; i++) {
            if (args[i].equals("--out")) {
                out = Optional.of(Path.of(args[i + 1]));
            }
        }
        String report = mapping(quick);
        System.out.println(report);
        if (out.isPresent()) {
            Files.writeString(out.get(), report);
        }
    }

    static String mapping(boolean quick) throws Exception {
        String user = "bench";
        String password = "bench-secret";
        try (DovecotServer dovecot = DovecotServer.start(Map.of(user, password))) {
            System.err.println("Dovecot on " + dovecot.imapUrl() + "; filling the mailbox ...");
            Corpus corpus = new Corpus();
            long uid100k;
            long uid20m;
            try (HandWrittenImap seed = new HandWrittenImap(dovecot.host(), dovecot.imapPort(), user, password,
                    FETCH_CHUNK)) {
                List<jakarta.mail.Message> batch = corpus.ordinary(1000);
                for (int i = 0; i < batch.size(); i += 100) {
                    seed.append(batch.subList(i, Math.min(batch.size(), i + 100)));
                }
                uid20m = seed.append(List.of(corpus.withAttachment(20 * 1024 * 1024)))[0];
                uid100k = seed.append(List.of(corpus.text("Hundred kilobytes", 100 * 1024, new java.util.Date())))[0];
            }
            BackendSettings settings = BackendSettings.defaults(URI.create(dovecot.imapUrl()), Optional.empty())
                    .withStartTls(BackendSettings.StartTls.OFF);
            try (ImapGateway gateway = ImapGateway.start(settings);
                 HandWrittenImap hand = new HandWrittenImap(dovecot.host(), dovecot.imapPort(), user, password,
                         FETCH_CHUNK)) {
                MailAccount account = gateway.login(Credentials.password(user, password, "127.0.0.1"));
                long uidValidity = account.mailbox(MailboxName.INBOX).status().orElseThrow().uidValidity();
                MessageRef ref100k = MessageRef.of(MailboxName.INBOX, uidValidity, uid100k);
                MessageRef ref20m = MessageRef.of(MailboxName.INBOX, uidValidity, uid20m);
                int scale = quick ? 5 : 1;
                List<SideBySide.Row> rows = new ArrayList<>();
                System.err.println("measuring list-100 ...");
                rows.addAll(new SideBySide("list 100 newest summaries")
                        .add("hand-written Jakarta Mail (UID SORT + one UID FETCH)", () -> check(hand.newestSummaries(100)))
                        .add("mapping layer", () -> check(account.listMessages(MailboxName.INBOX, SearchCriteria.ALL,
                                PageRequest.first(100)).items().size()))
                        .add("Jakarta Mail FetchProfile (reference)", () -> check(hand.newestSummariesFetchProfile(100)))
                        .add("Jakarta Mail untuned default (reference)", () -> check(hand.newestSummariesUntuned(100)))
                        .run(20 / scale, 200 / scale));
                System.err.println("measuring fetch-100KB ...");
                rows.addAll(new SideBySide("fetch a 100 KB message")
                        .add("hand-written Jakarta Mail", () -> hand.raw(uid100k))
                        .add("mapping layer", () -> drain(account.openRaw(ref100k, ByteRange.ALL)))
                        .run(20 / scale, 200 / scale));
                System.err.println("measuring fetch-20MB-attachment ...");
                rows.addAll(new SideBySide("fetch a 20 MB attachment (decoded)")
                        .add("hand-written Jakarta Mail", () -> hand.attachment(uid20m, 1))
                        .add("mapping layer", () -> drain(account.openPart(ref20m, "2", ByteRange.ALL)))
                        .run(3 / Math.min(scale, 3), 15 / scale));
                System.err.println("measuring flag change ...");
                boolean[] on = {true};
                boolean[] onHand = {true};
                rows.addAll(new SideBySide("change a flag")
                        .add("hand-written Jakarta Mail", () -> {
                            hand.flag(uid100k, onHand[0]);
                            onHand[0] = !onHand[0];
                        })
                        .add("mapping layer", () -> {
                            Flags f = Flags.of(SystemFlag.FLAGGED);
                            account.changeFlags(List.of(ref100k), on[0] ? FlagChange.adding(f) : FlagChange.removing(f));
                            on[0] = !on[0];
                        })
                        .run(20 / scale, 200 / scale));
                return table(rows);
            }
        }
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

    private static String table(List<SideBySide.Row> rows) {
        StringBuilder b = new StringBuilder();
        b.append("Mapping layer vs hand-written Jakarta Mail, Dovecot ").append(dovecotVersion())
                .append(" on loopback, ").append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(System.getProperty("java.version")).append("\n\n");
        b.append("| operation | implementation | n | p50 ms | p95 ms | p50 ratio |\n");
        b.append("|---|---|---:|---:|---:|---:|\n");
        for (SideBySide.Row r : rows) {
            b.append(String.format(java.util.Locale.ROOT, "| %s | %s | %d | %.2f | %.2f | %.2fx |%n",
                    r.operation(), r.contender(), r.n(), r.p50(), r.p95(), r.ratio()));
        }
        return b.toString();
    }
}

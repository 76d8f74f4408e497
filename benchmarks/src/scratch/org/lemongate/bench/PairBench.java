package org.lemongate.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.imap.BackendSettings;
import org.lemongate.mapping.imap.ImapGateway;
import org.lemongate.testsupport.DovecotServer;

/** Scratch: two gateway jars side by side (raw 16 conns, raw 1 conn p50, list-50 16 conns), mapping layer as reference. */
public final class PairBench {
    static final Pattern P50 = Pattern.compile("50%\\s+([\\d.]+)(us|ms|s)");

    record T(double perSecond, double serverCpu, double p50) { }

    public static void main(String[] args) throws Exception {
        Path a = Path.of(args[0]), b = Path.of(args[1]);
        int rounds = Integer.parseInt(args[2]), seconds = Integer.parseInt(args[3]);
        String user = "bench", password = "bench-secret";
        try (DovecotServer dovecot = DovecotServer.builder().users(Map.of(user, password)).maxUserIpConnections(50).start()) {
            long uid100k;
            Corpus corpus = new Corpus();
            try (HandWrittenImap seed = new HandWrittenImap(dovecot.host(), dovecot.imapPort(), user, password, 256 * 1024)) {
                seed.append(corpus.ordinary(100));
                uid100k = seed.append(List.of(corpus.text("Hundred kilobytes", 100 * 1024, new java.util.Date())))[0];
            }
            BackendSettings settings = BackendSettings.defaults(URI.create(dovecot.imapUrl()), Optional.empty())
                    .withStartTls(BackendSettings.StartTls.OFF);
            try (GatewayProcess ga = GatewayProcess.start(a, dovecot.imapUrl());
                 GatewayProcess gb = GatewayProcess.start(b, dovecot.imapUrl());
                 ImapGateway inProcess = ImapGateway.start(settings)) {
                MailAccount account = inProcess.login(Credentials.password(user, password, "127.0.0.1"));
                long uidValidity = account.mailbox(MailboxName.INBOX).status().orElseThrow().uidValidity();
                MessageRef ref = MessageRef.of(MailboxName.INBOX, uidValidity, uid100k);
                String id = URLEncoder.encode(Base64.getUrlEncoder().withoutPadding().encodeToString("INBOX".getBytes(StandardCharsets.UTF_8))
                        + "." + uidValidity + "." + uid100k, StandardCharsets.UTF_8);
                String auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
                Map<String, Object[]> c = new LinkedHashMap<>();
                c.put("mapping raw 16", null);
                for (var g : List.of(Map.entry("A", ga), Map.entry("B", gb))) {
                    c.put(g.getKey() + " raw 16", new Object[] {g.getValue().base().resolve("api/v1/messages/" + id + "/raw"), g.getValue().pid(), 16});
                    c.put(g.getKey() + " raw 1", new Object[] {g.getValue().base().resolve("api/v1/messages/" + id + "/raw"), g.getValue().pid(), 1});
                    c.put(g.getKey() + " list 16", new Object[] {g.getValue().base().resolve("api/v1/messages?mailbox=INBOX&limit=50"), g.getValue().pid(), 16});
                }
                System.err.println("warming up ...");
                for (int w = 0; w < 3; w++) for (var e : c.entrySet()) turn(e.getValue(), account, ref, auth, Math.max(3, seconds / 2));
                Map<String, List<T>> res = new LinkedHashMap<>();
                List<String> names = new ArrayList<>(c.keySet());
                for (int r = 0; r < rounds; r++) {
                    for (int i = 0; i < names.size(); i++) {
                        String n = names.get((i + r) % names.size());
                        T t = turn(c.get(n), account, ref, auth, seconds);
                        res.computeIfAbsent(n, k -> new ArrayList<>()).add(t);
                        System.err.printf(Locale.ROOT, "round %d %-16s %8.0f/s server %.3f ms/req p50 %.3f ms%n", r + 1, n, t.perSecond(), t.serverCpu(), t.p50());
                    }
                }
                double base = FloorBench.median(res.get("mapping raw 16").stream().mapToDouble(T::perSecond).toArray());
                System.out.println("| contender | req/s | ratio to mapping raw | server CPU ms/req | p50 ms |");
                System.out.println("|---|---:|---:|---:|---:|");
                for (var e : res.entrySet()) {
                    double ps = FloorBench.median(e.getValue().stream().mapToDouble(T::perSecond).toArray());
                    System.out.printf(Locale.ROOT, "| %s | %.0f | %.2f | %.3f | %.3f |%n", e.getKey(), ps, ps / base,
                            FloorBench.median(e.getValue().stream().mapToDouble(T::serverCpu).toArray()),
                            FloorBench.median(e.getValue().stream().mapToDouble(T::p50).toArray()));
                }
            }
        }
    }

    static T turn(Object[] target, MailAccount account, MessageRef ref, String auth, int seconds) throws Exception {
        if (target == null) {
            long own0 = FloorBench.ownTicks();
            double[] m = FloorBench.mapping(account, ref, seconds);
            return new T(m[0], (FloorBench.ownTicks() - own0) * 10.0 / m[1], Double.NaN);
        }
        long pid = (Long) target[1];
        int conns = (Integer) target[2];
        double s0 = ProcessCpu.millis(pid);
        Process p = new ProcessBuilder("wrk", "-t" + Math.min(2, conns), "-c" + conns, "-d" + seconds + "s", "--latency",
                "-H", "Authorization: " + auth, "-H", "Accept-Encoding: gzip", target[0].toString()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(seconds + 30L, TimeUnit.SECONDS);
        Matcher errors = FloorBench.NON_2XX.matcher(text), requests = FloorBench.REQUESTS.matcher(text), p50 = P50.matcher(text);
        if (errors.find() || !requests.find() || !p50.find()) throw new IllegalStateException(text);
        double n = Long.parseLong(requests.group(1));
        double v = Double.parseDouble(p50.group(1));
        double ms = switch (p50.group(2)) { case "us" -> v / 1000; case "s" -> v * 1000; default -> v; };
        return new T(n / seconds, (ProcessCpu.millis(pid) - s0) / n, ms);
    }
}

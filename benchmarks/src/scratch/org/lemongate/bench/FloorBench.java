package org.lemongate.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.lemongate.mapping.imap.BackendSettings;
import org.lemongate.mapping.ByteRange;
import org.lemongate.mapping.Content;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.imap.ImapGateway;
import org.lemongate.testsupport.DovecotServer;
import org.lemongate.testsupport.LoopbackPorts;

/** Scratch: floor of a REST raw download at 16 clients, side by side with the mapping layer in-process. */
public final class FloorBench {
    static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
    static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

    record Turn(double perSecond, double serverCpu, double dovecotCpu, double clientCpu, double machineCpu) { }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        String floorCp = args[1];
        int rounds = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        List<String> only = args.length > 4 ? List.of(args[4].split(",")) : List.of();
        String user = "bench", password = "bench-secret";
        try (DovecotServer dovecot = DovecotServer.builder().users(Map.of(user, password)).maxUserIpConnections(50).start()) {
            long uid100k;
            Corpus corpus = new Corpus();
            try (HandWrittenImap seed = new HandWrittenImap(dovecot.host(), dovecot.imapPort(), user, password,
                    256 * 1024)) {
                seed.append(corpus.ordinary(100));
                uid100k = seed.append(List.of(corpus.text("Hundred kilobytes", 100 * 1024, new java.util.Date())))[0];
            }
            BackendSettings settings = BackendSettings.defaults(URI.create(dovecot.imapUrl()), Optional.empty())
                    .withStartTls(BackendSettings.StartTls.OFF);
            int port = LoopbackPorts.pickFree();
            Path floorLog = Files.createTempFile("floor", ".log");
            Process floor = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", System.getenv().getOrDefault("FLOOR_JAVA_OPTS", "-Dx=y"), "-cp", floorCp, "org.lemongate.app.FloorLauncher", "--imap", dovecot.imapUrl(),
                    "--imap-starttls", "off", "--port", Integer.toString(port), "--bind", "127.0.0.1")
                    .redirectErrorStream(true).redirectOutput(floorLog.toFile()).start();
            try (GatewayProcess gateway = GatewayProcess.start(jar, dovecot.imapUrl());
                 ImapGateway inProcess = ImapGateway.start(settings)) {
                MailAccount account = inProcess.login(Credentials.password(user, password, "127.0.0.1"));
                long uidValidity = account.mailbox(MailboxName.INBOX).status().orElseThrow().uidValidity();
                MessageRef ref = MessageRef.of(MailboxName.INBOX, uidValidity, uid100k);
                String id = Base64.getUrlEncoder().withoutPadding().encodeToString("INBOX".getBytes(StandardCharsets.UTF_8))
                        + "." + uidValidity + "." + uid100k;
                String enc = URLEncoder.encode(id, StandardCharsets.UTF_8);
                URI fb = URI.create("http://127.0.0.1:" + port + "/");
                String auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
                Map<String, Object[]> contenders = new LinkedHashMap<>();
                contenders.put("mapping", null);
                contenders.put("gateway /raw", new Object[] {gateway.base().resolve("api/v1/messages/" + enc + "/raw"), gateway.pid()});
                contenders.put("floor-jvm /raw", new Object[] {fb.resolve("api/v1/messages/" + enc + "/raw"), floor.pid()});
                contenders.put("floor servlet+filters", new Object[] {fb.resolve("floor/servlet/" + enc), floor.pid()});
                contenders.put("floor bare", new Object[] {fb.resolve("floor/bare/" + enc), floor.pid()});
                contenders.put("floor bare, login once", new Object[] {fb.resolve("floor/cached/" + enc), floor.pid()});
                contenders.put("floor memory", new Object[] {fb.resolve("floor/memory"), floor.pid()});
                if (!only.isEmpty()) {
                    contenders.keySet().removeIf(k -> !k.equals("mapping") && only.stream().noneMatch(k::contains));
                }
                waitReady(fb, floor, floorLog);
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                byte[] expected;
                try (Content c = account.openRaw(ref, ByteRange.ALL)) {
                    expected = c.stream().readAllBytes();
                }
                for (var e : contenders.entrySet()) {
                    if (e.getValue() == null) continue;
                    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder((URI) e.getValue()[0])
                            .header("Authorization", auth).header("Accept", "message/rfc822").build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    boolean same = java.util.Arrays.equals(r.body(), expected);
                    System.err.println(e.getKey() + ": " + r.statusCode() + " " + r.body().length + " bytes, same as IMAP: " + same);
                    if (r.statusCode() != 200 || Math.abs(r.body().length - expected.length) > 16) throw new IllegalStateException(e.getKey());
                }
                Map<String, List<Turn>> results = new LinkedHashMap<>();
                System.err.println("warming up ...");
                for (int w = 0; w < 3; w++) {
                    for (var e : contenders.entrySet()) {
                        turn(e.getValue(), account, ref, auth, dovecot.pid(), Math.max(3, seconds / 2));
                    }
                }
                List<String> names = new ArrayList<>(contenders.keySet());
                for (int r = 0; r < rounds; r++) {
                    for (int i = 0; i < names.size(); i++) {
                        String name = names.get((i + r) % names.size());
                        Turn t = turn(contenders.get(name), account, ref, auth, dovecot.pid(), seconds);
                        results.computeIfAbsent(name, k -> new ArrayList<>()).add(t);
                        System.err.printf(Locale.ROOT, "round %d %-22s %8.0f/s server %.3f dovecot %.3f client %.3f machine %.3f ms%n",
                                r + 1, name, t.perSecond(), t.serverCpu(), t.dovecotCpu(), t.clientCpu(), t.machineCpu());
                    }
                }
                double base = median(results.get("mapping").stream().mapToDouble(Turn::perSecond).toArray());
                System.out.println("| contender | req/s (median) | ratio to mapping | server JVM CPU ms/req | Dovecot ms/req | client ms/req | machine ms/req |");
                System.out.println("|---|---:|---:|---:|---:|---:|---:|");
                for (var e : results.entrySet()) {
                    List<Turn> ts = e.getValue();
                    double ps = median(ts.stream().mapToDouble(Turn::perSecond).toArray());
                    System.out.printf(Locale.ROOT, "| %s | %.0f | %.2f | %.3f | %.3f | %.3f | %.3f |%n", e.getKey(), ps, ps / base,
                            median(ts.stream().mapToDouble(Turn::serverCpu).toArray()),
                            median(ts.stream().mapToDouble(Turn::dovecotCpu).toArray()),
                            median(ts.stream().mapToDouble(Turn::clientCpu).toArray()),
                            median(ts.stream().mapToDouble(Turn::machineCpu).toArray()));
                }
            } finally {
                floor.destroy();
                floor.waitFor(10, TimeUnit.SECONDS);
                floor.destroyForcibly();
            }
        }
    }

    static void waitReady(URI base, Process p, Path log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 300; i++) {
            if (!p.isAlive()) throw new IllegalStateException(Files.readString(log));
            try {
                if (http.send(HttpRequest.newBuilder(base.resolve("readyz")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException e) {
                // not yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("floor not ready");
    }

    static Turn turn(Object[] target, MailAccount account, MessageRef ref, String auth, long dovecotPid, int seconds) throws Exception {
        double dov0 = ProcessCpu.millis(dovecotPid);
        long m0 = machineTicks();
        if (target == null) {
            long own0 = ownTicks();
            double[] m = mapping(account, ref, seconds);
            double n = m[1];
            return new Turn(m[0], (ownTicks() - own0) * 10.0 / n, (ProcessCpu.millis(dovecotPid) - dov0) / n, 0,
                    (machineTicks() - m0) * 10.0 / n);
        }
        long pid = (Long) target[1];
        double s0 = ProcessCpu.millis(pid);
        long c0 = childTicks();
        Process p = new ProcessBuilder("wrk", "-t2", "-c16", "-d" + seconds + "s", "-H", "Authorization: " + auth,
                "-H", "Accept-Encoding: gzip", target[0].toString()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Matcher errors = NON_2XX.matcher(text);
        Matcher requests = REQUESTS.matcher(text);
        if (errors.find() || !requests.find()) throw new IllegalStateException(text);
        double n = Long.parseLong(requests.group(1));
        return new Turn(n / seconds, (ProcessCpu.millis(pid) - s0) / n, (ProcessCpu.millis(dovecotPid) - dov0) / n,
                (childTicks() - c0) * 10.0 / n, (machineTicks() - m0) * 10.0 / n);
    }

    static double[] mapping(MailAccount account, MessageRef ref, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong calls = new AtomicLong();
        List<Future<?>> done = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int c = 0; c < 16; c++) {
            done.add(pool.submit(() -> {
                while (!stop.get()) {
                    try (Content content = account.openRaw(ref, ByteRange.ALL)) {
                        content.stream().transferTo(java.io.OutputStream.nullOutputStream());
                    }
                    calls.incrementAndGet();
                }
                return null;
            }));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Future<?> f : done) f.get();
        pool.shutdown();
        double s = (System.nanoTime() - t0) / 1e9;
        return new double[] {calls.get() / s, calls.get()};
    }

    static long ownTicks() throws IOException {
        String[] f = stat("/proc/self/stat");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    static long childTicks() throws IOException {
        String[] f = stat("/proc/self/stat");
        return Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }

    static String[] stat(String file) throws IOException {
        String s = Files.readString(Path.of(file));
        return s.substring(s.lastIndexOf(')') + 2).split(" ");
    }

    static long machineTicks() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i <= 8; i++) if (i != 4 && i != 5) busy += Long.parseLong(f[i]);
        return busy;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}

package org.lemongate.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.lemongate.testsupport.DovecotServer;

/**
 * Issue 6's load figure: many concurrent event-stream subscribers (10 per user) on one gateway JVM with a 256 MB
 * heap, against Dovecot. Reports the IMAP connections the gateway holds, its threads, its heap after a full GC, and
 * the latency from an APPEND to the event at every subscriber of that user, while all streams are open.
 */
final class PushScale {

    private static final String PASSWORD = "bench-secret";
    private static final int PER_USER = 10;

    private PushScale() {
    }

    /**
     * Runs with the watchers in IDLE, or with {@code poll} (e.g. {@code 150ms}) as the gateway's
     * {@code push-poll-interval}.
     */
    static String run(boolean quick, Path jar, Optional<String> poll) throws Exception {
        int users = quick ? 20 : 200;
        int probes = quick ? 5 : 20;
        Map<String, String> accounts = new LinkedHashMap<>();
        for (int u = 0; u < users; u++) {
            accounts.put(String.format("u%03d", u), PASSWORD);
        }
        // Dovecot's defaults (100 processes per service, 1,000 clients) are below one watcher and a few pooled
        // connections for each of 200 users.
        try (DovecotServer dovecot = DovecotServer.builder().users(accounts).setting("default_process_limit", "3000")
                .setting("default_client_limit", "6000").start();
             GatewayProcess gateway = GatewayProcess.start(jar, dovecot.imapUrl(), "256m",
                     poll.map(p -> new String[] {"--push-poll-interval", p}).orElse(new String[0]))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Map<String, Long> arrivals = new ConcurrentHashMap<>();
            AtomicInteger opened = new AtomicInteger();
            AtomicInteger ended = new AtomicInteger();
            // What a stream that ended before its retry: line received first: the reason it was refused.
            Map<String, String> firstLines = new ConcurrentHashMap<>();
            Map<String, Integer> endReasons = new ConcurrentHashMap<>();
            List<EventLines> streams = new ArrayList<>();
            long start = System.nanoTime();
            System.err.println("opening " + users * PER_USER + " event streams ...");
            try {
                for (String user : accounts.keySet()) {
                    String authorization = "Basic " + Base64.getEncoder()
                            .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
                    for (int i = 0; i < PER_USER; i++) {
                        String subscriber = user + "/" + i;
                        streams.add(EventLines.open(http, gateway.base(), "mailbox=INBOX", authorization, line -> {
                            firstLines.putIfAbsent(subscriber, line);
                            if (line.startsWith("retry:")) {
                                opened.incrementAndGet();
                            } else if (line.startsWith(": ended")) {
                                ended.incrementAndGet();
                                String first = firstLines.get(subscriber);
                                endReasons.merge(first.length() > 160 ? first.substring(0, 160) : first, 1,
                                        Integer::sum);
                            } else if (line.startsWith("data:") && line.contains("\"subject\"")) {
                                arrivals.putIfAbsent(subscriber + " " + subjectOf(line), System.nanoTime());
                            }
                        }));
                    }
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (opened.get() + ended.get() < streams.size() && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                double openSeconds = (System.nanoTime() - start) / 1e9;
                Thread.sleep(5_000); // let start-up queries finish and the watchers settle into IDLE
                int imapConnections = establishedTo(dovecot.imapPort());
                int threads = threads(gateway.pid());
                String heap = heapAfterGc(gateway.pid());
                int cpuSeconds = quick ? 10 : 30;
                System.err.println("all streams open and idle: measuring CPU for " + cpuSeconds + " s ...");
                double serverCpu = ProcessCpu.millis(dovecot.pid());
                double gatewayCpu = ProcessCpu.millis(gateway.pid());
                long cpuStart = System.nanoTime();
                Thread.sleep(cpuSeconds * 1000L);
                double cpuWall = (System.nanoTime() - cpuStart) / 1e9;
                serverCpu = (ProcessCpu.millis(dovecot.pid()) - serverCpu) / cpuWall;
                gatewayCpu = (ProcessCpu.millis(gateway.pid()) - gatewayCpu) / cpuWall;

                Samples latency = new Samples();
                int missing = 0;
                Corpus corpus = new Corpus();
                List<String> probed = new ArrayList<>(accounts.keySet()).subList(0, probes);
                for (String user : probed) {
                    String subject = "scale " + user;
                    try (HandWrittenImap imap = new HandWrittenImap(dovecot.host(), dovecot.imapPort(), user,
                            PASSWORD, 256 * 1024)) {
                        imap.append(List.of(corpus.text(subject, 2048, new Date())));
                        long appended = System.nanoTime();
                        long until = appended + TimeUnit.SECONDS.toNanos(10);
                        while (System.nanoTime() < until && !allArrived(arrivals, user, subject)) {
                            Thread.sleep(2);
                        }
                        for (int i = 0; i < PER_USER; i++) {
                            Long at = arrivals.get(user + "/" + i + " " + subject);
                            if (at == null) {
                                missing++;
                            } else {
                                latency.add(at - appended);
                            }
                        }
                    }
                }
                int connectionsAfter = establishedTo(dovecot.imapPort());
                return String.format(Locale.ROOT, "Push at scale: %d users x %d event streams = %d on one gateway "
                                + "JVM (-Xmx256m) against Dovecot, watchers in %s%n%n"
                                + "| streams open | ended early | seconds to open all | IMAP connections of the gateway "
                                + "(idle / after the probes) | gateway threads | heap after full GC | idle CPU ms/s "
                                + "Dovecot / gateway | APPENDs probed | events p50 ms | p99 ms | max ms "
                                + "| events missing after 10 s |%n"
                                + "|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|%n"
                                + "| %d | %d | %.1f | %d / %d | %d | %s | %.0f / %.0f | %d | %.1f | %.1f | %.1f | %d |%n"
                                + "%s",
                        users, PER_USER, users * PER_USER, poll.map(p -> "poll mode (" + p + ")").orElse("IDLE"),
                        opened.get(), ended.get(), openSeconds, imapConnections, connectionsAfter, threads, heap,
                        serverCpu, gatewayCpu, probes, latency.count() == 0 ? 0 : latency.medianMillis(),
                        latency.count() == 0 ? 0 : latency.quantileMillis(0.99),
                        latency.count() == 0 ? 0 : latency.quantileMillis(1.0), missing,
                        endReasons.isEmpty() ? "" : "\nStreams that ended before their retry: line, by the first "
                                + "line they received: " + endReasons + "\n");
            } finally {
                streams.forEach(EventLines::close);
            }
        }
    }

    private static boolean allArrived(Map<String, Long> arrivals, String user, String subject) {
        for (int i = 0; i < PER_USER; i++) {
            if (!arrivals.containsKey(user + "/" + i + " " + subject)) {
                return false;
            }
        }
        return true;
    }

    private static String subjectOf(String line) {
        int at = line.indexOf("\"subject\"");
        int open = line.indexOf('"', line.indexOf(':', at + 9) + 1);
        return line.substring(open + 1, line.indexOf('"', open + 1));
    }

    /** Established TCP connections to the IMAP port, counted from /proc/net/tcp (the gateway's side of each). */
    private static int establishedTo(int port) throws IOException {
        String hexPort = String.format(":%04X", port);
        int count = 0;
        // Java's sockets are IPv6 (IPv4-mapped addresses) unless told otherwise, so both tables count.
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table))) {
                String[] f = line.trim().split("\\s+");
                // local address, remote address, state 01 = ESTABLISHED; the gateway's end has the IMAP port as remote
                if (f.length > 3 && f[2].endsWith(hexPort) && f[3].equals("01")) {
                    count++;
                }
            }
        }
        return count;
    }

    private static int threads(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("Threads:")) {
                return Integer.parseInt(line.substring(8).strip());
            }
        }
        return -1;
    }

    private static String heapAfterGc(long pid) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        run(jcmd, Long.toString(pid), "GC.run");
        String info = run(jcmd, Long.toString(pid), "GC.heap_info");
        for (String line : info.split("\n")) {
            if (line.contains("heap") && line.contains("used")) {
                return line.strip().replaceAll("\\s+", " ").replaceAll(" \\[.*", "");
            }
        }
        return "unknown";
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }
}

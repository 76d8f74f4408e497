package org.lemongate.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.lemongate.testsupport.DovecotServer;

/**
 * Sizing figures, not a test: {@code java -cp lemongate-benchmarks.jar org.lemongate.bench.ConcurrentUsers
 * [--seconds S] [--gateway-jar FILE] N...} starts a private Dovecot with users, then for each N the jar with
 * {@code -Xmx512m}, and lets N users each run REST calls back to back (list mailboxes, list the inbox, fetch a
 * 60 KB message raw) for S seconds (default 20). Prints per N: requests per second, median and 95th percentile
 * latency, the gateway's heap after a full GC, its resident memory, its thread count, and the IMAP sessions Dovecot
 * counts. Every user is busy all the time, so N here is the worst case of N people pressing refresh at once.
 */
public final class ConcurrentUsers {

    private static final Pattern FIRST_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private ConcurrentUsers() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of("app", "target", "lemongate.jar");
        int seconds = 20;
        List<Integer> counts = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--gateway-jar" -> jar = Path.of(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                default -> counts.add(Integer.parseInt(args[i]));
            }
        }
        if (counts.isEmpty()) {
            System.err.println("usage: ConcurrentUsers [--seconds S] [--gateway-jar FILE] N...");
            System.exit(2);
        }
        int most = Collections.max(counts);
        Map<String, String> users = new LinkedHashMap<>();
        for (int i = 1; i <= most; i++) {
            users.put("user" + i, "secret-" + i);
        }
        System.out.println("users  req/s  p50 ms  p95 ms  heap after GC MB  RSS MB  threads  IMAP sessions");
        try (DovecotServer dovecot = DovecotServer.builder().users(users)
                // Dovecot's imap-login service defaults to 100 processes, one per login in progress; raised so
                // that the figures measure the gateway, not queued logins.
                .setting("default_process_limit", Integer.toString(4 * most + 100)).start()) {
            Path message = Files.createTempFile("lemongate-sizing", ".eml");
            Files.writeString(message, "From: a@example.org\r\nTo: b@example.org\r\nSubject: sizing\r\n\r\n"
                    + "line of text for the sizing run\r\n".repeat(2000), StandardCharsets.US_ASCII);
            for (String user : users.keySet()) {
                dovecot.doveadm(message, "save", "-u", user, "-m", "INBOX");
            }
            for (int count : counts) {
                try (GatewayProcess gateway = GatewayProcess.start(jar, dovecot.imapUrl())) {
                    System.out.println(run(gateway, dovecot, users, count, Duration.ofSeconds(seconds)));
                }
            }
        }
    }

    private static String run(GatewayProcess gateway, DovecotServer dovecot, Map<String, String> users, int count,
                              Duration duration) throws Exception {
        List<String> names = new ArrayList<>(users.keySet()).subList(0, count);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong failures = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(count);
        for (String name : names) {
            pool.submit(() -> {
                String authorization = "Basic " + Base64.getEncoder().encodeToString(
                        (name + ":" + users.get(name)).getBytes(StandardCharsets.UTF_8));
                while (System.nanoTime() < end) {
                    try {
                        call(http, gateway.base().resolve("api/v1/mailboxes"), authorization, latencies);
                        String page = call(http, gateway.base().resolve("api/v1/messages?mailbox=INBOX"),
                                authorization, latencies);
                        Matcher id = FIRST_ID.matcher(page);
                        if (id.find()) {
                            call(http, gateway.base().resolve("api/v1/messages/" + id.group(1) + "/raw"),
                                    authorization, latencies);
                        }
                    } catch (IOException | RuntimeException e) {
                        failures.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
        }
        // Measured under load, just before the end, while every user still holds its connections.
        Thread.sleep(Math.max(0, duration.toMillis() - 3000));
        long threads = threads(gateway.pid());
        long rss = residentKilobytes(gateway.pid()) / 1024;
        long sessions = dovecot.doveadm("who", "-1").lines().skip(1).filter(l -> !l.isBlank()).count();
        long heap = heapAfterGc(gateway.pid()) / 1024;
        pool.shutdown();
        pool.awaitTermination(duration.toSeconds() + 60, java.util.concurrent.TimeUnit.SECONDS);
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        double perSecond = sorted.size() / (double) duration.toSeconds();
        return String.format("%5d  %5.0f  %6.1f  %6.1f  %16d  %6d  %7d  %13d%s", count, perSecond,
                percentile(sorted, 50), percentile(sorted, 95), heap, rss, threads, sessions,
                failures.get() > 0 ? "  (" + failures.get() + " failed calls)" : "");
    }

    private static String call(HttpClient http, URI url, String authorization, List<Long> latencies)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).header("Authorization", authorization)
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        latencies.add(System.nanoTime() - started);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        return response.body();
    }

    private static double percentile(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * percent / 100)) / 1e6;
    }

    private static long threads(long pid) throws IOException {
        return statusField(pid, "Threads:");
    }

    private static long residentKilobytes(long pid) throws IOException {
        return statusField(pid, "VmRSS:");
    }

    private static long statusField(long pid, String field) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith(field))
                .map(line -> line.substring(field.length()).trim().split("\\s+")[0])
                .mapToLong(Long::parseLong).findFirst().orElse(-1);
    }

    /** Kilobytes of heap in use after a full collection, as jcmd reports it; -1 without jcmd. */
    private static long heapAfterGc(long pid) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return -1;
        }
        new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        Process info = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.heap_info")
                .redirectErrorStream(true).start();
        String text = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        info.waitFor();
        Matcher used = HEAP_USED.matcher(text);
        return used.find() ? Long.parseLong(used.group(1)) : -1;
    }
}

package org.lemongate.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lemongate.mapping.ByteRange;
import org.lemongate.mapping.Content;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.PageRequest;
import org.lemongate.mapping.SearchCriteria;

/**
 * REST against the mapping layer, side by side in one run on one Dovecot: list the 50 newest summaries and get a
 * 100 KB message raw. Prints medians and ratios for one client and throughput with 16 concurrent clients; it checks
 * that both sides return the same data but times nothing. Not part of the build's tests (no {@code Test} suffix):
 * {@code mvn -pl binding-rest -am verify -Dtest=RestBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class RestBenchmark extends LiveApi {

    private static final int MESSAGES = 200;
    private static final int WARMUP = 50;
    private static final int ITERATIONS = 300;
    private static final int CLIENTS = 16;
    private static final int PER_CLIENT = 40;

    @BeforeAll
    static void startDovecot() throws Exception {
        start(Backend.dovecot(PASSWORD, 2));
    }

    /** One operation, done through one side. */
    @FunctionalInterface
    interface Call {
        void run() throws Exception;
    }

    @Test
    void restAgainstMappingLayer() throws Exception {
        User ann = newUser();
        for (int i = 1; i < MESSAGES; i++) {
            ann.deliver("note", i);
        }
        ann.deliver("attachment", 0);
        MailAccount direct = ann.direct();
        MessageRef big = direct.listMessages(MailboxName.INBOX, SearchCriteria.ALL, PageRequest.first(1))
                .items().get(0).ref();
        String bigId = MessageIds.format(big);
        assertEquals(50, http.json(ann.request("api/v1/messages?mailbox=INBOX&limit=50"), 200).path("items").size());

        Map<String, Call> calls = new LinkedHashMap<>();
        calls.put("list-50 mapping", () -> direct.listMessages(MailboxName.INBOX, SearchCriteria.ALL,
                PageRequest.first(50)));
        calls.put("list-50 REST", () -> expect200(http.sendBytes(ann.request("api/v1/messages?mailbox=INBOX&limit=50")
                .header("Accept-Encoding", "gzip"))));
        calls.put("login mapping", () -> ann.direct());
        calls.put("login+serviceInfo mapping", () -> ann.direct().serviceInfo());
        calls.put("raw-100KB mapping", () -> {
            try (Content c = direct.openRaw(big, ByteRange.ALL)) {
                c.stream().transferTo(java.io.OutputStream.nullOutputStream());
            }
        });
        calls.put("raw-100KB REST", () -> expect200(http.sendBytes(ann.request("api/v1/messages/" + bigId + "/raw"))));

        StringBuilder report = new StringBuilder(String.format("%n%-20s %8s %8s %8s %12s %10s%n", "operation",
                "p50 ms", "p95 ms", "ratio", CLIENTS + " clients/s", "cpu ms/call"));
        Map<String, double[]> single = interleaved(calls);
        Map<String, Double> baseline = new LinkedHashMap<>();
        for (var e : calls.entrySet()) {
            double[] t = single.get(e.getKey());
            String op = e.getKey().substring(0, e.getKey().indexOf(' '));
            baseline.putIfAbsent(op, t[0]);
            long cpu0 = processCpuNanos();
            double perSecond = throughput(e.getValue());
            double cpuPerCall = (processCpuNanos() - cpu0) / 1e6 / (CLIENTS * PER_CLIENT);
            report.append(String.format("%-20s %8.2f %8.2f %8.2f %12.0f %10.3f%n", e.getKey(), t[0], t[1],
                    t[0] / baseline.get(op), perSecond, cpuPerCall));
        }
        System.out.println(report);
        System.out.println(externalClient(ann, bigId));
    }

    /**
     * The REST calls measured by {@code wrk} (Debian package {@code wrk}) in a separate process, so that the
     * client's own CPU and threads are not the JVM's: one connection for latency, 16 for throughput.
     */
    private static String externalClient(User user, String bigId) throws Exception {
        Optional<Path> wrk = Stream.of(System.getenv("PATH").split(":")).map(d -> Path.of(d, "wrk"))
                .filter(Files::isExecutable).findFirst();
        if (wrk.isEmpty()) {
            return "wrk not installed (apt-get install wrk): no separate-process figures";
        }
        StringBuilder out = new StringBuilder(String.format("%n%-20s %8s %8s %12s %16s%n", "wrk (own process)",
                "p50 ms", "p99 ms", CLIENTS + " conns/s", "gateway cpu ms/req"));
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("list-50 REST", "api/v1/messages?mailbox=INBOX&limit=50");
        urls.put("raw-100KB REST", "api/v1/messages/" + bigId + "/raw");
        for (var e : urls.entrySet()) {
            String url = server.uri(e.getValue()).toString();
            String[] one = wrk(wrk.get(), url, user, 1, 1);
            long cpu0 = processCpuNanos();
            String[] many = wrk(wrk.get(), url, user, 2, CLIENTS);
            double cpuPerRequest = (processCpuNanos() - cpu0) / 1e6 / Long.parseLong(many[3]);
            out.append(String.format("%-20s %8s %8s %12s %16.3f%n", e.getKey(), one[0], one[1], many[2],
                    cpuPerRequest));
        }
        return out.toString();
    }

    /** CPU time used by this JVM (gateway, IMAP client and, in-JVM, the HTTP client), from the OS. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Runs wrk for 5 s; answers p50 ms, p99 ms, requests per second and the number of requests. */
    private static String[] wrk(Path wrk, String url, User user, int threads, int connections) throws Exception {
        Process p = new ProcessBuilder(wrk.toString(), "-t" + threads, "-c" + connections, "-d5s", "--latency",
                "-H", "Authorization: " + Http.basic(user.name(), PASSWORD), "-H", "Accept-Encoding: gzip", url)
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        if (text.contains("Non-2xx")) {
            throw new AssertionError("wrk saw errors: " + text);
        }
        return new String[] {millis(text, "50%"), millis(text, "99%"), match(text, "Requests/sec:\\s+([0-9.]+)"),
            match(text, "([0-9]+) requests in")};
    }

    private static String millis(String wrkOutput, String percentile) {
        Matcher m = Pattern.compile(percentile.replace("%", "%\\s+([0-9.]+)(us|ms|s)")).matcher(wrkOutput);
        if (!m.find()) {
            return "?";
        }
        double v = Double.parseDouble(m.group(1));
        double ms = switch (m.group(2)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        };
        return String.format("%.2f", ms);
    }

    private static String match(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : "?";
    }

    private static void expect200(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            throw new AssertionError("status " + response.statusCode());
        }
    }

    /** Median and p95 in milliseconds, the calls taking turns in rotating order so noise hits all alike. */
    private static Map<String, double[]> interleaved(Map<String, Call> calls) throws Exception {
        List<String> names = new ArrayList<>(calls.keySet());
        Map<String, long[]> samples = new LinkedHashMap<>();
        names.forEach(n -> samples.put(n, new long[ITERATIONS]));
        for (int i = 0; i < WARMUP + ITERATIONS; i++) {
            for (int k = 0; k < names.size(); k++) {
                String name = names.get((i + k) % names.size());
                long t0 = System.nanoTime();
                calls.get(name).run();
                if (i >= WARMUP) {
                    samples.get(name)[i - WARMUP] = System.nanoTime() - t0;
                }
            }
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        samples.forEach((name, s) -> {
            Arrays.sort(s);
            out.put(name, new double[] {s[s.length / 2] / 1e6, s[(int) (s.length * 0.95)] / 1e6});
        });
        return out;
    }

    /** Calls per second with {@link #CLIENTS} clients calling at once. */
    private static double throughput(Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> done = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int c = 0; c < CLIENTS; c++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < PER_CLIENT; i++) {
                        call.run();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            return CLIENTS * PER_CLIENT / ((System.nanoTime() - t0) / 1e9);
        } finally {
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}

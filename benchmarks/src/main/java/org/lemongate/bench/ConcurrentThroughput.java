package org.lemongate.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Throughput with {@link #CLIENTS} clients calling at once (issue 3: REST keeps at least 70% of the mapping layer's):
 * the mapping layer in-process, {@link #CLIENTS} threads sharing one gateway object, against one REST call through
 * the gateway jar, {@link #CLIENTS} keep-alive connections. The REST clients are {@code wrk} in its own process when
 * it is installed (Debian {@code wrk}), the cheapest HTTP client there is, else as many {@code java.net.http} threads
 * here. The two take turns, round by round, so the machine's other load hits both alike; each turn is preceded, once,
 * by a warm-up of the same length. Besides calls per second it reads the CPU time the gateway's JVM spent per REST
 * request, and this JVM's per mapping-layer call.
 */
final class ConcurrentThroughput {

    static final int CLIENTS = 16;

    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

    /**
     * One round: both sides' calls per second and CPU milliseconds per call; {@code gatewayJitMs} is the part of the
     * gateway's CPU its JIT compiler threads took (warm-up, not the steady state; NaN where /proc is missing).
     */
    record Round(double mappingPerSecond, double restPerSecond, double mappingCpuMs, double gatewayCpuMs,
                 double gatewayJitMs) {

        double ratio() {
            return restPerSecond / mappingPerSecond;
        }
    }

    private final SideBySide.Body mapping;
    private final URI restUrl;
    private final String authorization;
    private final ProcessHandle gateway;
    private final Duration turn;
    private final JitActivity compilers;
    private final Optional<Path> wrk = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
            .map(d -> Path.of(d, "wrk")).filter(Files::isExecutable).findFirst();

    ConcurrentThroughput(SideBySide.Body mapping, URI restUrl, String authorization, long gatewayPid, Duration turn) {
        this.mapping = mapping;
        this.restUrl = restUrl;
        this.authorization = authorization;
        this.gateway = ProcessHandle.of(gatewayPid).orElseThrow(() ->
                new IllegalStateException("the gateway process " + gatewayPid + " is gone"));
        this.turn = turn;
        this.compilers = new JitActivity(gatewayPid, "gateway");
    }

    /** Which REST client measured: wrk or the JDK's. */
    String client() {
        return wrk.isPresent() ? "wrk, own process" : "java.net.http, " + CLIENTS + " threads in this JVM";
    }

    List<Round> run(int rounds) throws Exception {
        mapping();
        rest();
        List<Round> out = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            long cpu0 = ownCpuNanos();
            double[] m = mapping();
            double mappingCpu = (ownCpuNanos() - cpu0) / 1e6 / m[1];
            long gateway0 = gatewayCpuNanos();
            long jit0 = compilers.ticks();
            double[] rest = rest();
            double gatewayCpu = (gatewayCpuNanos() - gateway0) / 1e6 / rest[1];
            double jit = jit0 < 0 ? Double.NaN
                    : (compilers.ticks() - jit0) * 1000.0 / JitActivity.CLOCK_TICKS / rest[1];
            out.add(new Round(m[0], rest[0], mappingCpu, gatewayCpu, jit));
        }
        return out;
    }

    /** Calls per second and calls made, {@link #CLIENTS} threads calling the mapping layer for one turn. */
    private double[] mapping() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong calls = new AtomicLong();
        try {
            List<Future<?>> done = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int c = 0; c < CLIENTS; c++) {
                done.add(pool.submit(() -> {
                    while (!stop.get()) {
                        mapping.run();
                        calls.incrementAndGet();
                    }
                    return null;
                }));
            }
            Thread.sleep(turn.toMillis());
            stop.set(true);
            for (Future<?> f : done) {
                f.get();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new double[] {calls.get() / seconds, calls.get()};
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** Requests per second and requests made, {@link #CLIENTS} connections for one turn. */
    private double[] rest() throws Exception {
        return wrk.isPresent() ? wrk(wrk.get()) : javaClients();
    }

    private double[] wrk(Path program) throws IOException, InterruptedException {
        long seconds = Math.max(1, turn.toSeconds());
        Process p = new ProcessBuilder(program.toString(), "-t2", "-c" + CLIENTS, "-d" + seconds + "s",
                "-H", "Authorization: " + authorization, "-H", "Accept-Encoding: gzip", restUrl.toString())
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds + 30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("wrk did not finish: " + text);
        }
        Matcher errors = NON_2XX.matcher(text);
        Matcher requests = REQUESTS.matcher(text);
        if (errors.find() || !requests.find()) {
            throw new IllegalStateException("wrk saw failed requests or printed no count: " + text);
        }
        long n = Long.parseLong(requests.group(1));
        // wrk's own figure divides by the whole run including connection set-up; requests over the turn is the same.
        return new double[] {n / (double) seconds, n};
    }

    private double[] javaClients() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(restUrl).header("Authorization", authorization)
                .header("Accept-Encoding", "gzip").build();
        return new ConcurrentThroughput(() -> {
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(restUrl + " answered " + r.statusCode());
            }
        }, restUrl, authorization, gateway.pid(), turn).mapping();
    }

    private long gatewayCpuNanos() {
        return gateway.info().totalCpuDuration().orElseThrow(() ->
                new IllegalStateException("the OS does not report the gateway's CPU time")).toNanos();
    }

    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The Markdown lines of one operation: each round, then the medians. */
    static String table(String operation, List<Round> rounds) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < rounds.size(); i++) {
            Round r = rounds.get(i);
            b.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.2f | %.3f | %.3f | %.3f |%n", operation,
                    i + 1, r.mappingPerSecond(), r.restPerSecond(), r.ratio(), r.mappingCpuMs(), r.gatewayCpuMs(),
                    r.gatewayJitMs()));
        }
        b.append(String.format(Locale.ROOT, "| %s | **median** | %.0f | %.0f | %.2f | %.3f | %.3f | %.3f |%n",
                operation,
                median(rounds.stream().mapToDouble(Round::mappingPerSecond).toArray()),
                median(rounds.stream().mapToDouble(Round::restPerSecond).toArray()),
                median(rounds.stream().mapToDouble(Round::ratio).toArray()),
                median(rounds.stream().mapToDouble(Round::mappingCpuMs).toArray()),
                median(rounds.stream().mapToDouble(Round::gatewayCpuMs).toArray()),
                median(rounds.stream().mapToDouble(Round::gatewayJitMs).toArray())));
        return b.toString();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}

package org.lemongate.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

        StringBuilder report = new StringBuilder(String.format("%n%-20s %8s %8s %8s %12s%n", "operation", "p50 ms",
                "p95 ms", "ratio", CLIENTS + " clients/s"));
        Map<String, double[]> single = interleaved(calls);
        Map<String, Double> baseline = new LinkedHashMap<>();
        for (var e : calls.entrySet()) {
            double[] t = single.get(e.getKey());
            String op = e.getKey().substring(0, e.getKey().indexOf(' '));
            baseline.putIfAbsent(op, t[0]);
            report.append(String.format("%-20s %8.2f %8.2f %8.2f %12.0f%n", e.getKey(), t[0], t[1],
                    t[0] / baseline.get(op), throughput(e.getValue())));
        }
        System.out.println(report);
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

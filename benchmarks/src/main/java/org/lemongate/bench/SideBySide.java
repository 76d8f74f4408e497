package org.lemongate.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * Runs several implementations of one operation interleaved, iteration by iteration and in rotating order, so that
 * noise on a shared machine hits all of them alike; then reports medians, p95 and ratios.
 */
final class SideBySide {

    /** One implementation of the operation. */
    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }

    /** An implementation that times itself: an outside process, whose start-up is no part of the operation. */
    @FunctionalInterface
    interface SelfTimed {
        /** Runs the operation once and returns how long it took, in nanoseconds. */
        long nanos() throws Exception;
    }

    private final String operation;
    private final Map<String, SelfTimed> contenders = new LinkedHashMap<>();

    SideBySide(String operation) {
        this.operation = operation;
    }

    SideBySide add(String name, Body body) {
        return addSelfTimed(name, () -> {
            long t0 = System.nanoTime();
            body.run();
            return System.nanoTime() - t0;
        });
    }

    SideBySide addSelfTimed(String name, SelfTimed body) {
        contenders.put(name, body);
        return this;
    }

    /**
     * The measured rows, the first contender being the baseline of the ratios. {@code cpuP50} is the calling
     * thread's CPU time: the client-side work alone, far less disturbed by other load than wall time.
     */
    record Row(String operation, String contender, int n, double p50, double p95, double ratio, double cpuP50) {
    }

    /** Runs every contender {@code iterations} times, interleaved as in {@link #run}, measuring nothing. */
    void warm(int iterations) throws Exception {
        List<String> names = new ArrayList<>(contenders.keySet());
        for (int i = 0; i < iterations; i++) {
            for (int k = 0; k < names.size(); k++) {
                contenders.get(names.get((i + k) % names.size())).nanos();
            }
        }
    }

    List<Row> run(int warmup, int iterations) throws Exception {
        List<String> names = new ArrayList<>(contenders.keySet());
        return measure(warmup, iterations, Duration.ZERO, i -> {
            List<String> order = new ArrayList<>(names.size());
            for (int k = 0; k < names.size(); k++) {
                order.add(names.get((i + k) % names.size()));
            }
            return order;
        });
    }

    /**
     * Like {@link #run}, but each iteration calls the contenders in a fresh random order (from {@code seed}, so runs
     * repeat), so that each follows every other equally often, and the machine stays idle for {@code idleBefore}
     * before every call. The rotation of {@link #run} keeps one cyclic order: a contender that always follows one
     * that stalls is always measured after an idle machine, its neighbour never.
     */
    List<Row> runShuffled(int warmup, int iterations, Duration idleBefore, long seed) throws Exception {
        List<String> names = new ArrayList<>(contenders.keySet());
        Random random = new Random(seed);
        return measure(warmup, iterations, idleBefore, i -> {
            List<String> order = new ArrayList<>(names);
            Collections.shuffle(order, random);
            return order;
        });
    }

    private List<Row> measure(int warmup, int iterations, Duration idleBefore, IntFunction<List<String>> order)
            throws Exception {
        List<String> names = new ArrayList<>(contenders.keySet());
        Map<String, Samples> samples = new LinkedHashMap<>();
        Map<String, Samples> cpu = new LinkedHashMap<>();
        names.forEach(n -> samples.put(n, new Samples()));
        names.forEach(n -> cpu.put(n, new Samples()));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < warmup + iterations; i++) {
            for (String name : order.apply(i)) {
                if (!idleBefore.isZero()) {
                    Thread.sleep(idleBefore.toMillis());
                }
                long c0 = threads.getCurrentThreadCpuTime();
                long t = contenders.get(name).nanos();
                long c = threads.getCurrentThreadCpuTime() - c0;
                if (i >= warmup) {
                    samples.get(name).add(t);
                    cpu.get(name).add(c);
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        double base = samples.get(names.get(0)).medianMillis();
        for (String n : names) {
            Samples s = samples.get(n);
            rows.add(new Row(operation, n, s.count(), s.medianMillis(), s.quantileMillis(0.95),
                    s.medianMillis() / base, cpu.get(n).medianMillis()));
        }
        return rows;
    }
}

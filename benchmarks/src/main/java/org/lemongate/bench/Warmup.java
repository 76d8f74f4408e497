package org.lemongate.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Warms the contenders of a benchmark until the JVMs serving them have stopped compiling, so that the figures are
 * those of a long-running gateway: a fixed count of calls is not enough when the gateway is a JVM of its own whose
 * C2 compiler is still busy long after its first few hundred requests (seen on this machine: 0.4 ms of JIT per
 * request after 600 calls). Rounds of calls are repeated until, in two rounds in a row, the compiler threads of
 * every watched JVM used at most {@link #SETTLED_SHARE} of the round's wall-clock time, or until a time limit.
 */
final class Warmup {

    /** The compiler threads' share of a round's wall time below which a JVM counts as warm. */
    static final double SETTLED_SHARE = 0.02;
    private static final int SETTLED_ROUNDS = 2;

    private final List<SideBySide> benchmarks;
    private final List<JitActivity> jvms;
    private final int callsPerRound;
    private final Duration limit;

    /**
     * @param benchmarks    whose contenders are called, one after the other in each round
     * @param jvms          the JVMs whose compilers are watched (the gateway's, this one)
     * @param callsPerRound iterations of each benchmark per round
     * @param limit         the longest warm-up
     */
    Warmup(List<SideBySide> benchmarks, List<JitActivity> jvms, int callsPerRound, Duration limit) {
        this.benchmarks = List.copyOf(benchmarks);
        this.jvms = List.copyOf(jvms);
        this.callsPerRound = callsPerRound;
        this.limit = limit;
    }

    /** Warms up and returns one line saying how long it took and how busy the compilers still were. */
    String run() throws Exception {
        if (jvms.stream().anyMatch(j -> !j.available())) {
            for (SideBySide b : benchmarks) {
                b.warm(callsPerRound * 10);
            }
            return "warm-up: " + callsPerRound * 10 + " calls each (no /proc to watch the JIT compilers)";
        }
        long start = System.nanoTime();
        int settled = 0;
        int rounds = 0;
        double[] shares = new double[jvms.size()];
        while (settled < SETTLED_ROUNDS && System.nanoTime() - start < limit.toNanos()) {
            long[] before = jvms.stream().mapToLong(JitActivity::ticks).toArray();
            long t0 = System.nanoTime();
            for (SideBySide b : benchmarks) {
                b.warm(callsPerRound);
            }
            double wallMs = (System.nanoTime() - t0) / 1e6;
            boolean quiet = true;
            for (int i = 0; i < jvms.size(); i++) {
                shares[i] = (jvms.get(i).ticks() - before[i]) * 1000.0 / JitActivity.CLOCK_TICKS / wallMs;
                quiet &= shares[i] <= SETTLED_SHARE;
            }
            settled = quiet ? settled + 1 : 0;
            rounds++;
        }
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "warm-up: %.0f s, %d rounds of %d calls "
                + "each, %s; JIT compiler threads' share of the last round:", (System.nanoTime() - start) / 1e9,
                rounds, callsPerRound, settled >= SETTLED_ROUNDS ? "until the JIT compilers had settled"
                        : "stopped at the " + limit.toSeconds() + " s limit before the JIT compilers settled"));
        for (int i = 0; i < jvms.size(); i++) {
            b.append(String.format(Locale.ROOT, "%s %s %.1f%%", i == 0 ? "" : ",", jvms.get(i).name(),
                    shares[i] * 100));
        }
        return b.toString();
    }
}

package org.lemongate.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * CPU time the whole machine spent (all cores, all processes, kernel included) while each contender ran, from the
 * first line of {@code /proc/stat}. Meaningful only when nothing else runs, as under the exclusive machine lock;
 * it shows whether an operation is bound by CPU on a small machine (CPU per run near cores x wall time) and counts
 * work that one process's CPU time misses, such as the other server and the loopback copies.
 */
final class MachineCpu {

    /** Linux's USER_HZ: /proc/stat counts in ticks of 10 ms. */
    private static final double MILLIS_PER_TICK = 10.0;

    private final Map<String, long[]> ticksAndRuns = new LinkedHashMap<>();

    /** The body, counting the machine's CPU while it runs under {@code name}. */
    SideBySide.Body around(String name, SideBySide.Body body) {
        long[] sums = ticksAndRuns.computeIfAbsent(name, n -> new long[2]);
        return () -> {
            long t0 = busyTicks();
            body.run();
            sums[0] += busyTicks() - t0;
            sums[1]++;
        };
    }

    /** One line per contender: mean machine CPU per run in ms (tick resolution, so only means over many runs). */
    String report() {
        StringBuilder b = new StringBuilder("Machine CPU per run (all cores, mean over every run incl. warm-ups):\n");
        ticksAndRuns.forEach((name, sums) -> b.append(String.format(Locale.ROOT, "  %s: %.1f ms%n", name,
                sums[1] == 0 ? 0 : sums[0] * MILLIS_PER_TICK / sums[1])));
        return b.toString();
    }

    private static long busyTicks() {
        try {
            String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = line.trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
            long busy = 0;
            for (int i = 1; i <= 8 && i < f.length; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

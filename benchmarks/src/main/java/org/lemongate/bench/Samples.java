package org.lemongate.bench;

import java.util.Arrays;

/** Latency samples of one measured operation, in nanoseconds. */
final class Samples {

    private long[] values = new long[64];
    private int size;

    void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    int count() {
        return size;
    }

    /** The q-quantile (0..1) in milliseconds, nearest rank. */
    double quantileMillis(double q) {
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * size) - 1;
        return sorted[Math.max(0, Math.min(size - 1, rank))] / 1e6;
    }

    double medianMillis() {
        return quantileMillis(0.5);
    }
}

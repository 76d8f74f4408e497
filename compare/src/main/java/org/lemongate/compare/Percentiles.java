package org.lemongate.compare;

import java.util.List;
import java.util.Optional;

/** Nearest-rank percentiles: a reported p95 is always one of the measured values, never an interpolation. */
final class Percentiles {

    private Percentiles() {
    }

    /**
     * The p-th percentile (0 &lt; p &le; 100) of the values, or empty when there are none.
     */
    static Optional<Double> of(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return Optional.of(sorted[Math.max(0, rank - 1)]);
    }
}

package org.lemongate.compare;

import java.util.Locale;
import java.util.Optional;

/** How numbers read in the reports: bytes with thousands separators or in kB/MB, times in ms. */
final class Figures {

    private Figures() {
    }

    static String bytes(long n) {
        if (n < 10_000) {
            return String.format(Locale.ROOT, "%,d B", n);
        }
        if (n < 10_000_000) {
            return String.format(Locale.ROOT, "%,.1f kB", n / 1000.0);
        }
        return String.format(Locale.ROOT, "%,.2f MB", n / 1_000_000.0);
    }

    static String millis(double ms) {
        return ms < 10 ? String.format(Locale.ROOT, "%.1f ms", ms) : String.format(Locale.ROOT, "%,.0f ms", ms);
    }

    static String millis(Optional<Double> ms) {
        return ms.map(Figures::millis).orElse("–");
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** What the status means in a table cell. */
    static String status(StepResult r, boolean throughProxy) {
        return switch (r.status()) {
            case OK -> throughProxy ? "ok (survived the proxy)" : "ok";
            case FAILED -> throughProxy ? "FAILED through the proxy" : "FAILED";
            case NOT_AVAILABLE -> "not available";
            case NOT_MEASURED -> "not measured";
        };
    }

    /** Whether the step has figures to show. */
    static boolean ran(StepResult r) {
        return r.status() == StepResult.Status.OK || r.status() == StepResult.Status.FAILED;
    }
}

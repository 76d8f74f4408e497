package org.lemongate.compare;

import java.io.PrintStream;
import java.util.Locale;

/** One line per phase and per measured step on stderr, so that a long run shows where it is. */
final class Progress implements StepListener {

    private final PrintStream out;
    private final long start = System.nanoTime();

    Progress(PrintStream out) {
        this.out = out;
    }

    void phase(String what) {
        line(what);
    }

    @Override
    public void finished(String client, StepResult r) {
        String figures = switch (r.status()) {
            case OK, FAILED -> String.format(Locale.ROOT, "%,.0f ms, %d round trips, %,d B sent, %,d B received",
                    r.wallMs(), r.traffic().roundTrips(), r.traffic().bytesSent(), r.traffic().bytesReceived());
            case NOT_AVAILABLE, NOT_MEASURED -> "";
        };
        line(String.format(Locale.ROOT, "  %-7s %-28s %-13s %s%s", client, r.step().title(), r.status(), figures,
                r.note().isEmpty() ? "" : (figures.isEmpty() ? "" : " — ") + r.note()));
    }

    private void line(String text) {
        out.printf(Locale.ROOT, "[compare %5.1fs] %s%n", (System.nanoTime() - start) / 1e9, text);
        out.flush();
    }
}

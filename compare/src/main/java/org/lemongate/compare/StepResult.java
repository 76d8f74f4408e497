package org.lemongate.compare;

import java.util.List;
import java.util.Optional;

/**
 * One step of one client.
 *
 * @param step      the step
 * @param status    whether it ran and how it ended
 * @param note      why it was not available or not measured, or what went wrong; empty when it went well
 * @param traffic   what crossed the client's sockets during the step
 * @param latencies each request's latency in milliseconds
 * @param wallMs    the whole step, in milliseconds
 * @param pushMs    for the push step: each new message's delivery latency in milliseconds
 */
public record StepResult(Step step, Status status, String note, Traffic traffic, List<Double> latencies,
                         double wallMs, List<Double> pushMs) {

    /** Copies the lists. */
    public StepResult {
        latencies = List.copyOf(latencies);
        pushMs = List.copyOf(pushMs);
    }

    /** How a step ended. */
    public enum Status {
        /** Ran and checked out. */
        OK,
        /** Ran and failed: the note says how. */
        FAILED,
        /** The client has no way to do it (WebDAV cannot send; no push transport yet). */
        NOT_AVAILABLE,
        /** It could be done, but this run cannot measure it (no SMTP server given). */
        NOT_MEASURED
    }

    /** A step that was not run, with the reason. */
    static StepResult skipped(Step step, Status status, String why) {
        return new StepResult(step, status, why, Traffic.NONE, List.of(), 0, List.of());
    }

    /** Median request latency. */
    public Optional<Double> p50() {
        return Percentiles.of(latencies, 50);
    }

    /** 95th-percentile request latency. */
    public Optional<Double> p95() {
        return Percentiles.of(latencies, 95);
    }

    /** Median push delivery latency. */
    public Optional<Double> pushP50() {
        return Percentiles.of(pushMs, 50);
    }

    /** 95th-percentile push delivery latency. */
    public Optional<Double> pushP95() {
        return Percentiles.of(pushMs, 95);
    }
}

package org.lemongate.compare;

/**
 * Told when each client's step starts and ends, on the harness's thread: for progress output, and for tests that
 * compare the harness's counts with an independent count taken at the same moments.
 */
public interface StepListener {

    /** Nothing to be told. */
    StepListener NONE = new StepListener() {
    };

    /** The client is about to run the step. */
    default void starting(String client, Step step) {
    }

    /** The client has run (or skipped) the step. */
    default void finished(String client, StepResult result) {
    }
}

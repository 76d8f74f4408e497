package org.lemongate.testsupport;

import java.time.Duration;

/** The pause between two looks at a server that is starting or stopping. */
final class Polling {

    private Polling() {
    }

    /** Sleeps; an interrupt ends the wait with an exception and keeps the thread's interrupt flag set. */
    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a test server", e);
        }
    }
}

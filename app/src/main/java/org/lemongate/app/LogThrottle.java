package org.lemongate.app;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets one log line through per interval, for events an attacker or a scanner can repeat at will: the log shows
 * that it happens without being flooded.
 */
final class LogThrottle {

    private final long intervalNanos;
    private final AtomicLong last;

    LogThrottle(Duration interval) {
        intervalNanos = interval.toNanos();
        last = new AtomicLong(System.nanoTime() - intervalNanos);
    }

    /** Whether a line may be written now; true at most once per interval, across threads. */
    boolean allows() {
        long now = System.nanoTime();
        long previous = last.get();
        return now - previous >= intervalNanos && last.compareAndSet(previous, now);
    }
}

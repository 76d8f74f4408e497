package org.lemongate.compare;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** When each new message's notification reached a push client, handed to the workload one at a time. */
final class Arrivals {

    private final BlockingQueue<Long> times = new LinkedBlockingQueue<>();

    /** {@code count} messages announced together, now. */
    void arrived(int count) {
        long now = System.nanoTime();
        for (int i = 0; i < count; i++) {
            times.add(now);
        }
    }

    /** The {@link System#nanoTime()} of the next arrival, or empty after the timeout. */
    OptionalLong next(Duration timeout) throws InterruptedException {
        Long at = times.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return at == null ? OptionalLong.empty() : OptionalLong.of(at);
    }
}

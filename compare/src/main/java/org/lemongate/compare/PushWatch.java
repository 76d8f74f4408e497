package org.lemongate.compare;

import java.time.Duration;
import java.util.OptionalLong;

/** A running push subscription on one folder. */
interface PushWatch extends AutoCloseable {

    /**
     * Waits for the next new-message notification.
     *
     * @return the {@link System#nanoTime()} at which it arrived, or empty after the timeout
     */
    OptionalLong awaitNext(Duration timeout) throws InterruptedException;

    @Override
    void close();
}

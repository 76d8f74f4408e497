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

    /** How the notifications came, when not by a push the server sends, for the report; else empty. */
    default String note() {
        return "";
    }

    @Override
    void close();
}

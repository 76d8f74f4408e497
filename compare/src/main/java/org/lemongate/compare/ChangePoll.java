package org.lemongate.compare;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * Push stood in for by polling, for a server that offers none: a thread asks every {@link #INTERVAL} how many new
 * messages arrived since its last question. The polls' bytes count in the push step like a stream's would; a
 * notification's latency is how long until the next poll saw the message.
 */
final class ChangePoll implements PushWatch {

    /** As often as a foreground app could reasonably poll; the latency figures are bounded below by it. */
    static final Duration INTERVAL = Duration.ofSeconds(1);

    private final Arrivals arrivals = new Arrivals();
    private final Thread poller;

    /** Starts polling; {@code newMessages} answers how many arrived since it was last called. */
    ChangePoll(NewMessages newMessages) {
        poller = new Thread(() -> poll(newMessages), "change-poll");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll(NewMessages newMessages) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(INTERVAL.toMillis());
                arrivals.arrived(newMessages.since());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // The poll failed: no more arrivals, and the step reports the wait that ran out.
        }
    }

    @Override
    public OptionalLong awaitNext(Duration timeout) throws InterruptedException {
        return arrivals.next(timeout);
    }

    @Override
    public String note() {
        return "no push from this server: polled Email/changes every " + INTERVAL.toMillis() + " ms";
    }

    @Override
    public void close() {
        poller.interrupt();
        try {
            poller.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One poll. */
    @FunctionalInterface
    interface NewMessages {
        int since() throws Exception;
    }
}

package org.lemongate.rest;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.lemongate.mapping.MailException;

/**
 * The REST binding's push timings and the event-ticket key. The service document advertises the bounds; clients may
 * ask for any value within them ({@code wait} on change queries, {@code heartbeat} on event streams).
 *
 * @param maxHold          longest a change query may be held open ({@code wait}); below common proxy timeouts
 * @param defaultHeartbeat how often an event stream sends a comment when nothing happens
 * @param minHeartbeat     the shortest heartbeat a client may ask for
 * @param maxHeartbeat     the longest heartbeat a client may ask for
 * @param retry            the reconnection delay advised to event-stream clients ({@code retry:})
 * @param maxStream        an event stream is closed after this long (the client resumes with Last-Event-ID)
 * @param ticketLifetime   how long an event ticket may be used to open a stream
 * @param ticketKey        the AES key (16 or 32 bytes) that seals event tickets; share it between instances behind one
 *                         load balancer. When empty, a random key per process is used and tickets work only on the
 *                         instance that issued them.
 * @param pushThreads      threads that query changes and write events for all subscribers together
 */
public record PushSettings(Duration maxHold, Duration defaultHeartbeat, Duration minHeartbeat, Duration maxHeartbeat,
                           Duration retry, Duration maxStream, Duration ticketLifetime, Optional<byte[]> ticketKey,
                           int pushThreads) {

    public PushSettings {
        for (Duration d : new Duration[] {maxHold, defaultHeartbeat, minHeartbeat, maxHeartbeat, retry, maxStream,
                ticketLifetime}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("push durations must be positive");
            }
        }
        if (minHeartbeat.compareTo(defaultHeartbeat) > 0 || defaultHeartbeat.compareTo(maxHeartbeat) > 0) {
            throw new IllegalArgumentException("heartbeat bounds must hold minHeartbeat <= default <= maxHeartbeat");
        }
        Objects.requireNonNull(ticketKey, "ticketKey");
        ticketKey.ifPresent(k -> {
            if (k.length != 16 && k.length != 32) {
                throw new IllegalArgumentException("the event ticket key must be 16 or 32 bytes (AES-128/256)");
            }
        });
        if (pushThreads < 1) {
            throw new IllegalArgumentException("pushThreads must be at least 1");
        }
    }

    /** Hold 25 s, heartbeat 15 s (5 to 55 s), retry 3 s, streams of 30 min, tickets of 60 s, 4 push threads. */
    public static PushSettings defaults() {
        return new PushSettings(Duration.ofSeconds(25), Duration.ofSeconds(15), Duration.ofSeconds(5),
                Duration.ofSeconds(55), Duration.ofSeconds(3), Duration.ofMinutes(30), Duration.ofSeconds(60),
                Optional.empty(), 4);
    }

    /**
     * A client's requested hold time in whole seconds, 0 (answer at once) up to {@link #maxHold}.
     *
     * @throws MailException.InvalidInput when it is not a number in range
     */
    Duration hold(Optional<String> wait) {
        return seconds("wait", wait, Duration.ZERO, Duration.ZERO, maxHold);
    }

    /** A client's requested heartbeat in whole seconds, within the bounds; the default when absent. */
    Duration heartbeat(Optional<String> requested) {
        return seconds("heartbeat", requested, defaultHeartbeat, minHeartbeat, maxHeartbeat);
    }

    private static Duration seconds(String field, Optional<String> raw, Duration absent, Duration min, Duration max) {
        if (raw.isEmpty()) {
            return absent;
        }
        String v = raw.get();
        if (v.isEmpty() || v.length() > 6 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new MailException.InvalidInput(field, field + " must be a whole number of seconds, was '"
                    + v.replaceAll("\\p{Cntrl}", "?") + "'");
        }
        Duration d = Duration.ofSeconds(Long.parseLong(v));
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new MailException.InvalidInput(field, field + " must be between " + min.toSeconds() + " and "
                    + max.toSeconds() + " seconds on this server, was " + v);
        }
        return d;
    }
}

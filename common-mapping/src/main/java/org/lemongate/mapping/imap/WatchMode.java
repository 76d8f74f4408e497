package org.lemongate.mapping.imap;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a user's watcher learns of changes to the mailbox it follows (ADR 0069): IMAP IDLE (the default), or NOOP at a
 * fixed interval, for servers that hold IDLE notifications back (Dovecot delays them by 500 ms).
 *
 * @param pollInterval empty for IDLE; otherwise the time between two NOOPs
 */
public record WatchMode(Optional<Duration> pollInterval) {

    /** The shortest poll interval accepted: below it the watchers would keep the IMAP server busy for little gain. */
    public static final Duration MIN_POLL = Duration.ofMillis(50);
    /** The longest poll interval accepted: above it IDLE (at most 500 ms late) is better in every way. */
    public static final Duration MAX_POLL = Duration.ofSeconds(10);

    public WatchMode {
        Objects.requireNonNull(pollInterval, "pollInterval");
        pollInterval.ifPresent(d -> {
            if (d.compareTo(MIN_POLL) < 0 || d.compareTo(MAX_POLL) > 0) {
                throw new IllegalArgumentException("the push poll interval must be between " + MIN_POLL.toMillis()
                        + " ms and " + MAX_POLL.toSeconds() + " s, was " + d.toMillis() + " ms");
            }
        });
    }

    /** Waits in IDLE: no IMAP commands while nothing changes. */
    public static WatchMode idle() {
        return new WatchMode(Optional.empty());
    }

    /** Sends NOOP every {@code interval} instead of waiting in IDLE. */
    public static WatchMode poll(Duration interval) {
        return new WatchMode(Optional.of(interval));
    }
}

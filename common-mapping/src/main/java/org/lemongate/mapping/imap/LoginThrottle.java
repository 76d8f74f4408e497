package org.lemongate.mapping.imap;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailException;

/**
 * Counts failed logins per user and per client address within a sliding window and refuses further attempts once
 * either reaches the limit, so that guessing passwords through the gateway stops at the gateway — before the IMAP
 * server starts penalising the gateway's own address for every user.
 */
final class LoginThrottle {

    /** Bounds memory whatever an attacker sends: the oldest entries are forgotten first. */
    private static final int MAX_ENTRIES = 100_000;

    private final int limit;
    private final long windowNanos;
    private final LongSupplier clock;
    private final Map<String, Window> failures = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /** Failures of one key since {@code start}. */
    private static final class Window {
        long start;
        int count;
    }

    LoginThrottle(int limit, Duration window, LongSupplier nanoClock) {
        this.limit = limit;
        this.windowNanos = window.toNanos();
        this.clock = nanoClock;
    }

    /**
     * Refuses the attempt when the user or the client address has failed too often recently.
     *
     * @throws MailException.RateLimited with the time until the window ends
     */
    synchronized void check(Credentials c) {
        long now = clock.getAsLong();
        long wait = Math.max(remaining(userKey(c), now), remaining(addressKey(c), now));
        if (wait > 0) {
            long seconds = Math.max(1, (wait + 999_999_999L) / 1_000_000_000L);
            throw new MailException.RateLimited("too many failed logins for this user or from this address; "
                    + "try again in " + seconds + " s", Duration.ofSeconds(seconds));
        }
    }

    private long remaining(String key, long now) {
        if (key == null) {
            return 0;
        }
        Window w = failures.get(key);
        if (w == null) {
            return 0;
        }
        long end = w.start + windowNanos;
        if (now - end >= 0) {
            failures.remove(key);
            return 0;
        }
        // A shared address (an office NAT) carries many users: it gets more room than one user.
        int allowed = key.startsWith("a:") ? limit * 4 : limit;
        return w.count >= allowed ? end - now : 0;
    }

    /** Records a failed attempt. */
    synchronized void failed(Credentials c) {
        long now = clock.getAsLong();
        count(userKey(c), now);
        count(addressKey(c), now);
    }

    private void count(String key, long now) {
        if (key == null) {
            return;
        }
        Window w = failures.get(key);
        if (w == null || now - (w.start + windowNanos) >= 0) {
            w = new Window();
            w.start = now;
            failures.put(key, w);
        }
        w.count++;
    }

    /** Clears the user's failures after a successful login; the address keeps its record. */
    synchronized void succeeded(Credentials c) {
        failures.remove(userKey(c));
    }

    private static String userKey(Credentials c) {
        return "u:" + c.user().toLowerCase(Locale.ROOT);
    }

    private static String addressKey(Credentials c) {
        return c.clientAddress().isEmpty() ? null : "a:" + c.clientAddress();
    }
}

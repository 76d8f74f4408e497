package org.lemongate.mapping.imap;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailException;

/**
 * Authenticated IMAP connections, kept per user and keyed by a hash of the secret they were opened with, so that a
 * connection only ever serves a request presenting the same secret. At most {@code maxConnectionsPerUser} are open
 * per user (leased plus idle); a request that finds all of them busy waits up to the lease timeout. Idle connections
 * are logged out after {@code idleEviction}.
 */
final class ConnectionPool {

    private final BackendSettings settings;
    private final Properties props;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, UserSlots> users = new HashMap<>();
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong discarded = new AtomicLong();
    private boolean closed;

    /** The connections of one user. Guarded by the pool's lock. */
    private final class UserSlots {
        final Deque<ImapConnection> idle = new ArrayDeque<>();
        final Condition available = lock.newCondition();
        int open;
        int leased;
    }

    ConnectionPool(BackendSettings settings, Properties props) {
        this.settings = settings;
        this.props = props;
    }

    /**
     * A connection for these credentials: an idle one opened with the same secret, or a new one (which logs in).
     *
     * @throws MailException.RateLimited when all of the user's connections stay busy for the lease timeout
     * @throws MailException.AuthFailed  when a new connection's login is refused
     */
    ImapConnection lease(Credentials credentials) {
        String key = credentials.poolKey();
        ImapConnection stale = null;
        UserSlots slots;
        lock.lock();
        try {
            slots = users.computeIfAbsent(credentials.user(), u -> new UserSlots());
            long waitNanos = settings.leaseTimeout().toNanos();
            while (true) {
                if (closed) {
                    throw new MailException.BackendUnavailable("the gateway is shutting down", Failures.RETRY_AFTER,
                            false, null);
                }
                ImapConnection reusable = takeIdle(slots, key);
                if (reusable != null) {
                    slots.leased++;
                    return reusable;
                }
                if (slots.open < settings.maxConnectionsPerUser()) {
                    break;
                }
                if (!slots.idle.isEmpty()) {
                    // All slots are taken, some by connections opened with another secret: replace the oldest.
                    stale = slots.idle.pollLast();
                    slots.open--;
                    break;
                }
                if (waitNanos <= 0) {
                    throw new MailException.RateLimited("all " + settings.maxConnectionsPerUser()
                            + " IMAP connections of this user are busy; retry shortly", Duration.ofSeconds(1));
                }
                waitNanos = slots.available.awaitNanos(waitNanos);
            }
            slots.open++;
            slots.leased++;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailException.BackendUnavailable("interrupted while waiting for an IMAP connection",
                    Failures.RETRY_AFTER, false, e);
        } finally {
            lock.unlock();
        }
        if (stale != null) {
            stale.logout();
            discarded.incrementAndGet();
        }
        try {
            ImapConnection c = ImapConnection.open(settings, props, credentials);
            opened.incrementAndGet();
            return c;
        } catch (RuntimeException e) {
            lock.lock();
            try {
                slots.open--;
                slots.leased--;
                slots.available.signal();
            } finally {
                lock.unlock();
            }
            throw e;
        }
    }

    private static ImapConnection takeIdle(UserSlots slots, String key) {
        for (Iterator<ImapConnection> it = slots.idle.iterator(); it.hasNext(); ) {
            ImapConnection c = it.next();
            if (c.poolKey().equals(key)) {
                it.remove();
                return c;
            }
        }
        return null;
    }

    /** Whether an idle connection opened with exactly these credentials exists (so they were accepted before). */
    boolean hasIdle(Credentials credentials) {
        String key = credentials.poolKey();
        lock.lock();
        try {
            UserSlots slots = users.get(credentials.user());
            return slots != null && slots.idle.stream().anyMatch(c -> c.poolKey().equals(key));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes an idle connection opened with these credentials out of the pool for good (a watcher adopts it), or
     * returns null when there is none.
     */
    ImapConnection adopt(Credentials credentials) {
        lock.lock();
        try {
            UserSlots slots = users.get(credentials.user());
            ImapConnection c = slots == null ? null : takeIdle(slots, credentials.poolKey());
            if (c != null) {
                slots.open--;
                slots.available.signal();
                if (slots.open == 0 && slots.leased == 0) {
                    users.remove(credentials.user());
                }
            }
            return c;
        } finally {
            lock.unlock();
        }
    }

    /** Returns a connection after use; a broken one is closed instead of kept. */
    void release(ImapConnection c) {
        boolean drop = c.isBroken();
        lock.lock();
        try {
            UserSlots slots = users.get(c.user());
            slots.leased--;
            if (drop || closed) {
                slots.open--;
            } else {
                c.touch();
                slots.idle.addFirst(c);
            }
            slots.available.signal();
            if (slots.open == 0) {
                users.remove(c.user());
            }
        } finally {
            lock.unlock();
        }
        if (drop) {
            c.disconnect();
            discarded.incrementAndGet();
        } else if (closed) {
            c.logout();
        }
    }

    /** Drops the user's idle connections: one of them was found dead, so the others likely are too. */
    void dropIdle(String user) {
        List<ImapConnection> victims;
        lock.lock();
        try {
            UserSlots slots = users.get(user);
            if (slots == null) {
                return;
            }
            victims = new ArrayList<>(slots.idle);
            slots.open -= victims.size();
            slots.idle.clear();
            slots.available.signalAll();
        } finally {
            lock.unlock();
        }
        victims.forEach(ImapConnection::disconnect);
        discarded.addAndGet(victims.size());
    }

    /** Logs out connections idle longer than the eviction time. Called periodically. */
    void evictIdle() {
        List<ImapConnection> victims = new ArrayList<>();
        long limit = settings.idleEviction().toNanos();
        lock.lock();
        try {
            for (Iterator<Map.Entry<String, UserSlots>> it = users.entrySet().iterator(); it.hasNext(); ) {
                UserSlots slots = it.next().getValue();
                for (Iterator<ImapConnection> ci = slots.idle.iterator(); ci.hasNext(); ) {
                    ImapConnection c = ci.next();
                    if (c.idleNanos() > limit) {
                        ci.remove();
                        slots.open--;
                        victims.add(c);
                    }
                }
                if (slots.open == 0 && slots.leased == 0) {
                    it.remove();
                }
            }
        } finally {
            lock.unlock();
        }
        for (ImapConnection c : victims) {
            c.logout();
            discarded.incrementAndGet();
        }
    }

    /** Closes every idle connection; leased ones close when released. */
    void close() {
        List<ImapConnection> all = new ArrayList<>();
        lock.lock();
        try {
            closed = true;
            for (UserSlots slots : users.values()) {
                all.addAll(slots.idle);
                slots.open -= slots.idle.size();
                slots.idle.clear();
                slots.available.signalAll();
            }
        } finally {
            lock.unlock();
        }
        all.forEach(ImapConnection::logout);
    }

    int openConnections() {
        lock.lock();
        try {
            return users.values().stream().mapToInt(s -> s.open).sum();
        } finally {
            lock.unlock();
        }
    }

    int leasedConnections() {
        lock.lock();
        try {
            return users.values().stream().mapToInt(s -> s.leased).sum();
        } finally {
            lock.unlock();
        }
    }

    long opened() {
        return opened.get();
    }

    long discarded() {
        return discarded.get();
    }

    /** How long idle connections may wait before eviction; also the eviction scan period. */
    Duration scanPeriod() {
        long seconds = Math.max(1, Math.min(30, settings.idleEviction().toSeconds() / 2));
        return Duration.ofSeconds(seconds);
    }
}

package org.lemongate.webdav;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Locks in this process's memory: correct for one gateway instance, lost on restart. ADR 6 records the durable,
 * shareable store that is to replace it behind {@link LockStore}.
 */
final class MemoryLockStore implements LockStore {

    private final Map<String, List<DavLock>> byUser = new HashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    MemoryLockStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized DavLock lock(String user, DavPath root, boolean exclusive, boolean deep, String owner,
                                     Duration timeout) throws Conflict, TooMany {
        List<DavLock> locks = live(user);
        for (DavLock held : locks) {
            if (held.conflictsWith(root, exclusive, deep)) {
                tidy(user);
                throw new Conflict(held);
            }
        }
        if (locks.size() >= MAX_LOCKS_PER_USER) {
            throw new TooMany();
        }
        DavLock lock = new DavLock(newToken(), root, exclusive, deep, owner, expiry(timeout));
        locks.add(lock);
        return lock;
    }

    @Override
    public synchronized Optional<DavLock> refresh(String user, String token, DavPath path, Duration timeout) {
        List<DavLock> locks = live(user);
        for (int i = 0; i < locks.size(); i++) {
            DavLock held = locks.get(i);
            if (held.token().equals(token) && held.covers(path)) {
                DavLock refreshed = new DavLock(held.token(), held.root(), held.exclusive(), held.deep(),
                        held.owner(), expiry(timeout));
                locks.set(i, refreshed);
                return Optional.of(refreshed);
            }
        }
        tidy(user);
        return Optional.empty();
    }

    @Override
    public synchronized boolean unlock(String user, String token, DavPath path) {
        boolean removed = live(user).removeIf(l -> l.token().equals(token) && l.covers(path));
        tidy(user);
        return removed;
    }

    @Override
    public synchronized void dropWithin(String user, DavPath path) {
        live(user).removeIf(l -> l.root().isWithin(path));
        tidy(user);
    }

    @Override
    public synchronized List<DavLock> covering(String user, DavPath path) {
        return select(user, l -> l.covers(path));
    }

    @Override
    public synchronized List<DavLock> within(String user, DavPath path) {
        return select(user, l -> l.root().isWithin(path));
    }

    private List<DavLock> select(String user, Predicate<DavLock> filter) {
        List<DavLock> selected = live(user).stream().filter(filter).toList();
        tidy(user);
        return selected;
    }

    /** The user's lock list, expired locks dropped. */
    private List<DavLock> live(String user) {
        Instant now = clock.instant();
        List<DavLock> locks = byUser.computeIfAbsent(user, u -> new ArrayList<>());
        locks.removeIf(l -> l.expiredAt(now));
        return locks;
    }

    /** Forgets users without locks, so that memory follows the locks held, not the users seen. */
    private void tidy(String user) {
        List<DavLock> locks = byUser.get(user);
        if (locks != null && locks.isEmpty()) {
            byUser.remove(user);
        }
    }

    private Instant expiry(Duration timeout) {
        Duration t = timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0
                ? MAX_TIMEOUT : timeout;
        return clock.instant().plus(t);
    }

    /** {@code urn:uuid:} with 128 bits from a SecureRandom (all of them random, unlike a version 4 UUID's 122). */
    private String newToken() {
        byte[] bits = new byte[16];
        random.nextBytes(bits);
        String hex = HexFormat.of().formatHex(bits);
        return "urn:uuid:" + hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }
}

package org.lemongate.webdav;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Locks in the {@link DavDatabase}: they survive a restart and every gateway instance on the database sees them.
 * Each change runs with the user's row locked, so two instances cannot grant conflicting locks; expired locks are
 * deleted whenever the user's locks are read.
 */
final class JdbcLockStore implements LockStore {

    private final DavDatabase db;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    JdbcLockStore(DavDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public DavLock lock(String user, DavPath root, boolean exclusive, boolean deep, String owner, Duration timeout)
            throws Conflict, TooMany {
        String key = DavDatabase.userKey(user);
        Object outcome = db.transaction(c -> {
            DavDatabase.lockUser(c, key);
            List<DavLock> locks = live(c, key);
            for (DavLock held : locks) {
                if (held.conflictsWith(root, exclusive, deep)) {
                    return new Conflict(held);
                }
            }
            if (locks.size() >= MAX_LOCKS_PER_USER) {
                return new TooMany();
            }
            DavLock lock = new DavLock(newToken(), root, exclusive, deep, owner, expiry(timeout));
            try (PreparedStatement s = c.prepareStatement("INSERT INTO dav_lock (token, user_key, root,"
                    + " exclusive_lock, deep, owner, expires) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, lock.token());
                s.setString(2, key);
                s.setString(3, DavDatabase.key(root));
                s.setBoolean(4, exclusive);
                s.setBoolean(5, deep);
                s.setString(6, owner);
                s.setLong(7, lock.expires().toEpochMilli());
                s.executeUpdate();
            }
            return lock;
        });
        if (outcome instanceof Conflict conflict) {
            throw conflict;
        }
        if (outcome instanceof TooMany tooMany) {
            throw tooMany;
        }
        return (DavLock) outcome;
    }

    @Override
    public Optional<DavLock> refresh(String user, String token, DavPath path, Duration timeout) {
        String key = DavDatabase.userKey(user);
        return db.transaction(c -> {
            DavDatabase.lockUser(c, key);
            for (DavLock held : live(c, key)) {
                if (held.token().equals(token) && held.covers(path)) {
                    DavLock refreshed = new DavLock(held.token(), held.root(), held.exclusive(), held.deep(),
                            held.owner(), expiry(timeout));
                    try (PreparedStatement s = c.prepareStatement(
                            "UPDATE dav_lock SET expires = ? WHERE token = ? AND user_key = ?")) {
                        s.setLong(1, refreshed.expires().toEpochMilli());
                        s.setString(2, token);
                        s.setString(3, key);
                        s.executeUpdate();
                    }
                    return Optional.of(refreshed);
                }
            }
            return Optional.empty();
        });
    }

    @Override
    public boolean unlock(String user, String token, DavPath path) {
        String key = DavDatabase.userKey(user);
        return db.transaction(c -> {
            for (DavLock held : live(c, key)) {
                if (held.token().equals(token) && held.covers(path)) {
                    delete(c, key, token);
                    return true;
                }
            }
            return false;
        });
    }

    @Override
    public void dropWithin(String user, DavPath path) {
        String key = DavDatabase.userKey(user);
        db.transaction(c -> {
            for (DavLock held : live(c, key)) {
                if (held.root().isWithin(path)) {
                    delete(c, key, held.token());
                }
            }
            return null;
        });
    }

    @Override
    public List<DavLock> covering(String user, DavPath path) {
        return select(user, l -> l.covers(path));
    }

    @Override
    public List<DavLock> within(String user, DavPath path) {
        return select(user, l -> l.root().isWithin(path));
    }

    private List<DavLock> select(String user, Predicate<DavLock> filter) {
        String key = DavDatabase.userKey(user);
        return db.transaction(c -> live(c, key).stream().filter(filter).toList());
    }

    /** The user's unexpired locks, after deleting the expired ones. */
    private List<DavLock> live(Connection c, String key) throws SQLException {
        long now = clock.millis();
        try (PreparedStatement s = c.prepareStatement("DELETE FROM dav_lock WHERE user_key = ? AND expires <= ?")) {
            s.setString(1, key);
            s.setLong(2, now);
            s.executeUpdate();
        }
        List<DavLock> locks = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT token, root, exclusive_lock, deep, owner, expires"
                + " FROM dav_lock WHERE user_key = ?")) {
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    locks.add(new DavLock(r.getString(1), DavDatabase.path(r.getString(2)), r.getBoolean(3),
                            r.getBoolean(4), r.getString(5), Instant.ofEpochMilli(r.getLong(6))));
                }
            }
        }
        return locks;
    }

    private static void delete(Connection c, String key, String token) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM dav_lock WHERE token = ? AND user_key = ?")) {
            s.setString(1, token);
            s.setString(2, key);
            s.executeUpdate();
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

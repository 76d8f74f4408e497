package org.lemongate.webdav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcLockStoreTest {

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        private Instant now = Instant.parse("2026-11-30T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    private final HandClock clock = new HandClock();
    private final DavDatabase db = DavDatabase.open("jdbc:h2:mem:locks-" + UUID.randomUUID());
    private final JdbcLockStore store = new JdbcLockStore(db, clock);

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    private static DavPath path(String p) {
        return DavPath.ofDecoded(p);
    }

    @Test
    void aDeepLockCoversEverythingBelowAndConflictsBothWays() throws Exception {
        store.lock("alice", path("/A"), true, true, "", Duration.ofMinutes(1));

        assertEquals(1, store.covering("alice", path("/A/B/c.eml")).size());
        assertThrows(LockStore.Conflict.class,
                () -> store.lock("alice", path("/A/B"), false, false, "", Duration.ofMinutes(1)));
        assertThrows(LockStore.Conflict.class,
                () -> store.lock("alice", path("/"), true, true, "", Duration.ofMinutes(1)));
        store.lock("alice", path("/Other"), true, true, "", Duration.ofMinutes(1));
        store.lock("bob", path("/A"), true, true, "", Duration.ofMinutes(1));
    }

    @Test
    void aShallowLockDoesNotCoverMembers() throws Exception {
        store.lock("alice", path("/A"), true, false, "", Duration.ofMinutes(1));

        assertEquals(0, store.covering("alice", path("/A/b.eml")).size());
        store.lock("alice", path("/A/b.eml"), true, false, "", Duration.ofMinutes(1));
    }

    @Test
    void locksLapseAndRefreshingExtendsThem() throws Exception {
        DavLock lock = store.lock("alice", path("/A"), true, false, "", Duration.ofMinutes(1));
        clock.advance(Duration.ofSeconds(50));
        assertTrue(store.refresh("alice", lock.token(), path("/A"), Duration.ofMinutes(1)).isPresent());
        clock.advance(Duration.ofSeconds(50));

        assertEquals(1, store.covering("alice", path("/A")).size());
        clock.advance(Duration.ofSeconds(11));
        assertEquals(0, store.covering("alice", path("/A")).size());
        assertTrue(store.refresh("alice", lock.token(), path("/A"), Duration.ofMinutes(1)).isEmpty());
    }

    @Test
    void lifetimesAreCapped() throws Exception {
        DavLock lock = store.lock("alice", path("/A"), true, false, "", Duration.ofDays(3650));

        assertEquals(clock.instant().plus(LockStore.MAX_TIMEOUT), lock.expires());
    }

    @Test
    void aUserHoldsAtMostTheCap() throws Exception {
        for (int i = 0; i < LockStore.MAX_LOCKS_PER_USER; i++) {
            store.lock("alice", path("/f" + i), false, false, "", Duration.ofMinutes(1));
        }

        assertThrows(LockStore.TooMany.class,
                () -> store.lock("alice", path("/one-more"), false, false, "", Duration.ofMinutes(1)));
        store.lock("bob", path("/f1"), false, false, "", Duration.ofMinutes(1));
    }

    @Test
    void tokensAreDistinctAndCarry128Bits() throws Exception {
        DavLock a = store.lock("alice", path("/a"), false, false, "", Duration.ofMinutes(1));
        DavLock b = store.lock("alice", path("/a"), false, false, "", Duration.ofMinutes(1));

        assertNotEquals(a.token(), b.token());
        assertEquals(32, a.token().substring("urn:uuid:".length()).replace("-", "").length());
    }

    @Test
    void unlockAndDropRemoveOnlyWhatTheyName() throws Exception {
        DavLock a = store.lock("alice", path("/A/x"), true, false, "", Duration.ofMinutes(1));
        store.lock("alice", path("/B"), true, false, "", Duration.ofMinutes(1));

        assertTrue(!store.unlock("alice", a.token(), path("/B")));
        assertTrue(!store.unlock("bob", a.token(), path("/A/x")));
        store.dropWithin("alice", path("/A"));

        assertEquals(0, store.within("alice", path("/A")).size());
        assertEquals(1, store.within("alice", path("/")).size());
    }

    @Test
    void anotherInstanceOnTheSameDatabaseSeesAndHonoursTheLocks() throws Exception {
        JdbcLockStore other = new JdbcLockStore(db, clock);
        DavLock lock = store.lock("alice", path("/A"), true, true, "me", Duration.ofMinutes(1));

        assertEquals(lock, other.covering("alice", path("/A/b.eml")).get(0));
        assertThrows(LockStore.Conflict.class,
                () -> other.lock("alice", path("/A/b.eml"), true, false, "", Duration.ofMinutes(1)));
    }

    @Test
    void locksInAFileDatabaseSurviveReopening(@TempDir Path dir) throws Exception {
        String url = StoreLocation.defaultUrl(dir);
        DavLock lock;
        try (DavDatabase first = DavDatabase.open(url)) {
            lock = new JdbcLockStore(first, clock).lock("alice", path("/A/é #%.eml"), false, false, "o",
                    Duration.ofMinutes(5));
        }
        try (DavDatabase second = DavDatabase.open(url)) {
            assertEquals(List.of(lock), new JdbcLockStore(second, clock).covering("alice", path("/A/é #%.eml")));
        }
    }
}

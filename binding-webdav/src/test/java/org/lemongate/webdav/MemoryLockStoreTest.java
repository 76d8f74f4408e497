package org.lemongate.webdav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class MemoryLockStoreTest {

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
    private final MemoryLockStore store = new MemoryLockStore(clock);

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
}

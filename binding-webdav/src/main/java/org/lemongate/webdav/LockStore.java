package org.lemongate.webdav;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where the WebDAV locks of every user are kept. Locks are per user: one user's locks never apply to, and are never
 * seen in, another user's tree. Implementations drop expired locks themselves.
 */
interface LockStore {

    /** Most locks one user may hold at a time. */
    int MAX_LOCKS_PER_USER = 1000;
    /** Longest lock lifetime granted, whatever the client asks for. */
    Duration MAX_TIMEOUT = Duration.ofHours(1);
    /** Lifetime when the client names none. */
    Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    /** Another lock of the user is in the way. */
    final class Conflict extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient DavLock holder;

        Conflict(DavLock holder) {
            super("locked by " + holder.token(), null, false, false);
            this.holder = holder;
        }

        /** The lock in the way. */
        DavLock holder() {
            return holder;
        }
    }

    /** The user holds {@link #MAX_LOCKS_PER_USER} locks already. */
    final class TooMany extends Exception {
        private static final long serialVersionUID = 1L;

        TooMany() {
            super("too many locks", null, false, false);
        }
    }

    /** Takes a new lock, or reports what prevents it. */
    DavLock lock(String user, DavPath root, boolean exclusive, boolean deep, String owner, Duration timeout)
            throws Conflict, TooMany;

    /** Extends the lock with this token, when the user holds it and it covers {@code path}. */
    Optional<DavLock> refresh(String user, String token, DavPath path, Duration timeout);

    /** Releases the lock with this token when the user holds it and it covers {@code path}. */
    boolean unlock(String user, String token, DavPath path);

    /** Drops the user's locks rooted at {@code path} or below: the resources they locked are gone. */
    void dropWithin(String user, DavPath path);

    /** The user's live locks that apply to {@code path} (on it, or deep on an ancestor). */
    List<DavLock> covering(String user, DavPath path);

    /** The user's live locks rooted at {@code path} or below it. */
    List<DavLock> within(String user, DavPath path);
}

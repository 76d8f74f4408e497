package org.lemongate.webdav;

import java.time.Clock;
import java.util.Objects;

/**
 * What the WebDAV binding keeps beyond IMAP (ADR 6): locks and client-chosen file names, and the clock locks
 * expire by. One per binding, shared by all requests and users; every entry is keyed by user.
 *
 * @param locks the lock store
 * @param names the file-name store
 * @param clock the clock
 */
record DavState(LockStore locks, FileNames names, Clock clock) {

    DavState {
        Objects.requireNonNull(locks, "locks");
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(clock, "clock");
    }

    /** State in this process's memory. */
    static DavState inMemory(Clock clock) {
        return new DavState(new MemoryLockStore(clock), new MemoryFileNames(), clock);
    }
}

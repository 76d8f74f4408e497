package org.lemongate.webdav;

import java.time.Clock;
import java.util.Objects;

/**
 * What the WebDAV binding keeps beyond IMAP (ADR 6): locks, client-chosen file names and dead properties, and
 * the clock locks expire by. One per binding, shared by all requests and users; every entry is keyed by user.
 *
 * @param locks the lock store
 * @param names the file-name store
 * @param properties the dead-property store
 * @param clock the clock
 */
record DavState(LockStore locks, FileNames names, DeadProperties properties, Clock clock) {

    DavState {
        Objects.requireNonNull(locks, "locks");
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(properties, "properties");
        Objects.requireNonNull(clock, "clock");
    }

    /** State in this process's memory. */
    static DavState inMemory(Clock clock) {
        return new DavState(new MemoryLockStore(clock), new MemoryFileNames(), new MemoryDeadProperties(), clock);
    }
}

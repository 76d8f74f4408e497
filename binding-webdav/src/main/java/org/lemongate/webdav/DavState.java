package org.lemongate.webdav;

import java.time.Clock;
import java.util.Objects;

/**
 * What the WebDAV binding keeps beyond IMAP (ADR 6): locks, client-chosen file names, dead properties and the
 * files kept out of IMAP, all in one {@link DavDatabase}, and the clock locks expire by. One per binding,
 * shared by all requests and users; every entry is keyed by user.
 */
final class DavState implements AutoCloseable {

    private final DavDatabase db;
    private final LockStore locks;
    private final FileNames names;
    private final DeadProperties properties;
    private final StoredFiles files;
    private final ReportedNames reported;
    private final Clock clock;

    private DavState(DavDatabase db, Clock clock) {
        this.db = db;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.locks = new JdbcLockStore(db, clock);
        this.names = new JdbcFileNames(db);
        this.properties = new JdbcDeadProperties(db);
        this.files = new JdbcStoredFiles(db);
        this.reported = new JdbcReportedNames(db);
    }

    /**
     * Opens the state in the H2 database at {@code jdbcUrl}, creating it when needed.
     *
     * @throws IllegalStateException when the database cannot be opened
     */
    static DavState open(String jdbcUrl, Clock clock) {
        return new DavState(DavDatabase.open(jdbcUrl), clock);
    }

    LockStore locks() {
        return locks;
    }

    FileNames names() {
        return names;
    }

    DeadProperties properties() {
        return properties;
    }

    StoredFiles files() {
        return files;
    }

    ReportedNames reported() {
        return reported;
    }

    Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        db.close();
    }
}

package org.lemongate.webdav;

import java.time.Instant;
import java.util.Objects;

/**
 * A file kept in the state store instead of IMAP (ADR 12): an empty file, a locked empty resource made by LOCK,
 * or a desktop side file ({@link SideFiles}).
 *
 * @param path     where it is
 * @param size     its length in bytes
 * @param created  when it was first stored
 * @param modified when its content last changed
 */
record StoredFile(DavPath path, long size, Instant created, Instant modified) {

    StoredFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(modified, "modified");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative, was " + size);
        }
    }

    /** A strong ETag that changes with every write: the modification time and the size. */
    String etag() {
        return "\"f" + modified.toEpochMilli() + "-" + size + "\"";
    }
}

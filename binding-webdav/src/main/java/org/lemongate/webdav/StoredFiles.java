package org.lemongate.webdav;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Files kept in the state store rather than IMAP ({@link StoredFile}), per user and path. */
interface StoredFiles {

    /** Stores (or replaces) the file at {@code path} with {@code content}, at most {@link SideFiles#MAX_BYTES}. */
    void put(String user, DavPath path, byte[] content, Instant now);

    /** The file at {@code path}. */
    Optional<StoredFile> find(String user, DavPath path);

    /** The content of the file at {@code path}. */
    Optional<byte[]> content(String user, DavPath path);

    /** The files directly inside {@code folder}. */
    List<StoredFile> list(String user, DavPath folder);

    /** Removes the file at {@code path} and every file below it. */
    void removeWithin(String user, DavPath path);

    /** Moves the file at {@code from}, or every file below the folder {@code from}, to {@code to}. */
    void move(String user, DavPath from, DavPath to);

    /** Copies the file at {@code from}, or every file below the folder {@code from}, to {@code to}. */
    void copy(String user, DavPath from, DavPath to);
}

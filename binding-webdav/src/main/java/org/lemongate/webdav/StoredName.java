package org.lemongate.webdav;

import java.util.Objects;

/**
 * The name a client gave a message, and whether the message wraps a file ({@link WrappedFile}).
 *
 * @param path         the file's path
 * @param wrappedBytes the size of the wrapped file, or -1 when the message is the file itself
 */
record StoredName(DavPath path, long wrappedBytes) {

    StoredName {
        Objects.requireNonNull(path, "path");
        if (wrappedBytes < -1) {
            throw new IllegalArgumentException("wrappedBytes must be -1 or a size, was " + wrappedBytes);
        }
    }

    /** A message that is the file itself. */
    static StoredName plain(DavPath path) {
        return new StoredName(path, -1);
    }

    /** Whether the message carries the file as its attachment. */
    boolean wrapped() {
        return wrappedBytes >= 0;
    }

    /** The same kind of entry under another path. */
    StoredName at(DavPath other) {
        return new StoredName(other, wrappedBytes);
    }
}

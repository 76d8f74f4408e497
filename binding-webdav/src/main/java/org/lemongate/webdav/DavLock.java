package org.lemongate.webdav;

import java.time.Instant;
import java.util.Objects;

/**
 * A WebDAV write lock (RFC 4918 section 6) held by one user on a path of that user's tree.
 *
 * @param token     the lock token, an absolute URI carrying 128 random bits
 * @param root      the locked path
 * @param exclusive exclusive, or shared
 * @param deep      Depth infinity (the root and everything below), or Depth 0
 * @param owner     what the client sent as DAV:owner, bounded; may be empty
 * @param expires   when the lock lapses unless refreshed
 */
record DavLock(String token, DavPath root, boolean exclusive, boolean deep, String owner, Instant expires) {

    DavLock {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(expires, "expires");
    }

    /** Whether the lock applies to {@code path}: its root, or below it for a deep lock. */
    boolean covers(DavPath path) {
        return root.equals(path) || deep && path.isWithin(root);
    }

    /** Whether this lock and a new one at {@code otherRoot} could not both be held. */
    boolean conflictsWith(DavPath otherRoot, boolean otherExclusive, boolean otherDeep) {
        boolean overlap = covers(otherRoot) || otherDeep && root.isWithin(otherRoot);
        return overlap && (exclusive || otherExclusive);
    }

    /** Whether the lock has lapsed at {@code now}. */
    boolean expiredAt(Instant now) {
        return !now.isBefore(expires);
    }
}

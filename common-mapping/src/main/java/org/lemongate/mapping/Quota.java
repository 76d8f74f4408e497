package org.lemongate.mapping;

/**
 * Storage use and limit of the user's mail, from IMAP QUOTA (RFC 9208).
 *
 * @param usedBytes  bytes in use
 * @param limitBytes bytes allowed
 */
public record Quota(long usedBytes, long limitBytes) {

    /** Bytes still available, never negative. */
    public long availableBytes() {
        return Math.max(0, limitBytes - usedBytes);
    }
}

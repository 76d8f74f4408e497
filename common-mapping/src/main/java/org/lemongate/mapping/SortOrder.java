package org.lemongate.mapping;

/** The orders a message list can have. Both use the arrival time (INTERNALDATE), ties broken by UID. */
public enum SortOrder {
    /** Newest first: the default. */
    NEWEST_FIRST,
    /** Oldest first. */
    OLDEST_FIRST
}

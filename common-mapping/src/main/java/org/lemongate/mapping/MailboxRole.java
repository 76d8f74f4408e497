package org.lemongate.mapping;

/** What a mailbox is for: the inbox or an RFC 6154 special-use role. */
public enum MailboxRole {
    INBOX, SENT, DRAFTS, TRASH, JUNK, ARCHIVE, ALL, FLAGGED,
    /** An ordinary mailbox. */
    NONE
}

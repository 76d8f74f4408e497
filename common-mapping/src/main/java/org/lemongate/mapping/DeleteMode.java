package org.lemongate.mapping;

/** How {@link MailAccount#delete} removes messages. */
public enum DeleteMode {
    /** Move to the Trash mailbox; messages already in Trash are removed for good. */
    TO_TRASH,
    /** Mark \Deleted and expunge just these messages (UID EXPUNGE), for good. */
    PERMANENT
}

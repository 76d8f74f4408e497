package org.lemongate.mapping;

import java.util.Objects;

/**
 * A nudge from the watcher: something may have changed in {@code mailbox}; ask
 * {@link MailAccount#changesSince} to learn what. Signals carry no data, so one delivered twice or without a change
 * costs a query and loses nothing; the sync token decides what is new.
 *
 * @param mailbox the mailbox watched
 * @param kind    why the signal came
 */
public record ChangeSignal(MailboxName mailbox, Kind kind) {

    /** Why a signal came. */
    public enum Kind {
        /** The IMAP server reported new, changed or expunged messages. */
        CHANGED,
        /** The watcher reconnected after losing the server: changes made meanwhile were not seen as they happened. */
        RECONNECTED,
        /** The watcher lost the server and is reconnecting; a {@link #RECONNECTED} follows when it is back. */
        INTERRUPTED
    }

    public ChangeSignal {
        Objects.requireNonNull(mailbox, "mailbox");
        Objects.requireNonNull(kind, "kind");
    }
}

package org.lemongate.mapping;

import java.util.List;
import java.util.Objects;

/**
 * One page of the changes to a mailbox since a {@link SyncToken}. Applying the pages in order, each exactly once,
 * brings a client to the state {@link #next()} names; a change appears on exactly one page. Added and changed
 * messages count towards the page size; vanished ones are cheap and always come in full.
 *
 * @param added    messages new to the client, oldest UID first
 * @param changed  known messages whose flags or keywords changed
 * @param vanished known messages that were expunged (on QRESYNC servers this may include UIDs the client never saw)
 * @param more     whether another page follows: ask again with {@link #next()} at once
 * @param next     the token to ask with next time
 */
public record Changes(List<MessageSummary> added, List<ChangedMessage> changed, List<MessageRef> vanished,
                      boolean more, SyncToken next) {

    public Changes {
        added = List.copyOf(added);
        changed = List.copyOf(changed);
        vanished = List.copyOf(vanished);
        Objects.requireNonNull(next, "next");
    }

    /** Whether nothing changed. */
    public boolean isEmpty() {
        return added.isEmpty() && changed.isEmpty() && vanished.isEmpty();
    }

    /** Largest page size a caller may ask for. */
    public static final int MAX_PAGE = 1000;

    /**
     * Checks a requested page size.
     *
     * @throws MailException.InvalidInput when it is below 1 or above {@link #MAX_PAGE}
     */
    public static int requirePageSize(int maxChanges) {
        if (maxChanges < 1 || maxChanges > MAX_PAGE) {
            throw new MailException.InvalidInput("maxChanges", "the number of changes per page must be between 1 and "
                    + MAX_PAGE + ", was " + maxChanges);
        }
        return maxChanges;
    }
}

package org.lemongate.mapping;

import java.util.Objects;
import java.util.Optional;

/**
 * A mailbox as listed.
 *
 * @param name        its full name
 * @param role        inbox, special-use role, or {@link MailboxRole#NONE}
 * @param selectable  false for a pure hierarchy node (\Noselect, \NonExistent), which holds no messages
 * @param hasChildren whether mailboxes exist below it
 * @param subscribed  whether the user is subscribed to it
 * @param status      counters; empty for a node that is not selectable
 */
public record MailboxInfo(MailboxName name, MailboxRole role, boolean selectable, boolean hasChildren,
                          boolean subscribed, Optional<MailboxStatus> status) {

    public MailboxInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(status, "status");
    }
}

package org.lemongate.webdav;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.lemongate.mapping.MailboxInfo;
import org.lemongate.mapping.MailboxName;

/** A user's mailboxes as one listing, for looking up a path and for the children of a folder. */
final class MailboxTree {

    private final Map<MailboxName, MailboxInfo> byName = new LinkedHashMap<>();

    MailboxTree(List<MailboxInfo> mailboxes) {
        for (MailboxInfo m : mailboxes) {
            byName.put(m.name(), m);
        }
    }

    /** The mailbox with this name, if the user has it. */
    Optional<MailboxInfo> find(MailboxName name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Every mailbox, in listing order. */
    List<MailboxInfo> all() {
        return List.copyOf(byName.values());
    }

    /** The mailboxes directly below {@code parent}, or the top-level ones for an empty parent, in listing order. */
    List<MailboxInfo> children(Optional<MailboxName> parent) {
        List<MailboxInfo> out = new ArrayList<>();
        for (MailboxInfo m : byName.values()) {
            if (m.name().parent().equals(parent)) {
                out.add(m);
            }
        }
        return out;
    }
}

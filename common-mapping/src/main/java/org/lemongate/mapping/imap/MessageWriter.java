package org.lemongate.mapping.imap;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.lemongate.mapping.DeleteMode;
import org.lemongate.mapping.FlagChange;
import org.lemongate.mapping.Flags;
import org.lemongate.mapping.ItemResult;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.MessageSource;

/** Message writes: append, flags, copy, move, delete, empty. (Being implemented.) */
final class MessageWriter {

    private final Imap imap;
    private final MailboxDirectory mailboxes;

    MessageWriter(Imap imap, MailboxDirectory mailboxes) {
        this.imap = imap;
        this.mailboxes = mailboxes;
    }

    MessageRef append(MailboxName mailbox, MessageSource message, Flags flags, Optional<Instant> receivedDate) {
        throw new UnsupportedOperationException("append");
    }

    List<ItemResult<Flags>> changeFlags(List<MessageRef> refs, FlagChange change) {
        throw new UnsupportedOperationException("changeFlags");
    }

    List<ItemResult<MessageRef>> copy(List<MessageRef> refs, MailboxName target) {
        throw new UnsupportedOperationException("copy");
    }

    List<ItemResult<MessageRef>> move(List<MessageRef> refs, MailboxName target) {
        throw new UnsupportedOperationException("move");
    }

    List<ItemResult<MessageRef>> delete(List<MessageRef> refs, DeleteMode mode) {
        throw new UnsupportedOperationException("delete");
    }

    long empty(MailboxName mailbox) {
        throw new UnsupportedOperationException("empty");
    }
}

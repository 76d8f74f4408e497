package org.lemongate.mapping.imap;

import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.MessageStructure;
import org.lemongate.mapping.MessageSummary;
import org.lemongate.mapping.Page;
import org.lemongate.mapping.PageRequest;
import org.lemongate.mapping.SearchCriteria;

/** Message listing, search, summaries and structure. (Being implemented.) */
final class MessageQueries {

    private final Imap imap;

    MessageQueries(Imap imap) {
        this.imap = imap;
    }

    Page<MessageSummary> list(MailboxName mailbox, SearchCriteria criteria, PageRequest page) {
        throw new UnsupportedOperationException("list");
    }

    MessageSummary summary(MessageRef ref) {
        throw new UnsupportedOperationException("summary");
    }

    MessageStructure structure(MessageRef ref) {
        throw new UnsupportedOperationException("structure");
    }
}

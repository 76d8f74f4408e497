package org.lemongate.webdav;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.lemongate.mapping.Cursor;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageSummary;
import org.lemongate.mapping.Page;
import org.lemongate.mapping.PageRequest;
import org.lemongate.mapping.SearchCriteria;
import org.lemongate.mapping.SortOrder;

/** The message summaries of a mailbox, oldest first, read page by page (one IMAP FETCH per page). */
final class MailboxListing {

    private MailboxListing() {
    }

    /** Every summary, collected. */
    static List<MessageSummary> all(MailAccount account, MailboxName mailbox) {
        List<MessageSummary> out = new ArrayList<>();
        forEach(account, mailbox, out::add);
        return out;
    }

    /** Every summary, handed over page by page so that only one page is held at a time. */
    static void forEach(MailAccount account, MailboxName mailbox, Consumer<MessageSummary> action) {
        Optional<Cursor> cursor = Optional.empty();
        do {
            PageRequest request = new PageRequest(PageRequest.MAX_SIZE, SortOrder.OLDEST_FIRST, cursor);
            Page<MessageSummary> page = account.listMessages(mailbox, SearchCriteria.ALL, request);
            page.items().forEach(action);
            cursor = page.next();
        } while (cursor.isPresent());
    }
}

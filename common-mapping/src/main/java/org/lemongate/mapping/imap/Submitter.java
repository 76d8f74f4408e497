package org.lemongate.mapping.imap;

import org.lemongate.mapping.MessageSource;
import org.lemongate.mapping.SubmitResult;

/** Submission over SMTP with a copy kept in Sent. (Being implemented.) */
final class Submitter {

    private final Imap imap;
    private final ImapGateway gateway;
    private final MailboxDirectory mailboxes;

    Submitter(Imap imap, ImapGateway gateway, MailboxDirectory mailboxes) {
        this.imap = imap;
        this.gateway = gateway;
        this.mailboxes = mailboxes;
    }

    SubmitResult submit(MessageSource message) {
        throw new UnsupportedOperationException("submit");
    }
}

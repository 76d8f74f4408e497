package org.lemongate.mapping.contract;

import java.util.List;
import java.util.Map;

import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailGateway;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MailboxRole;
import org.lemongate.mapping.imap.BackendSettings;

/**
 * What a run of {@link MailAccountContract} needs from the servers it runs against: the gateway under test, fresh
 * users, a way to reach the IMAP server behind the gateway's back, and the mail the SMTP server received.
 */
public interface MailBackend {

    /** The gateway under test; one per test class. */
    MailGateway gateway();

    /** The settings {@link #gateway()} was started with. */
    BackendSettings settings();

    /**
     * Creates a user no other test uses, with a client address of its own so that the failed-login limiter of one
     * test never throttles another.
     */
    Credentials newUser();

    /** A plain IMAP session as {@code user}, straight to the server. */
    ImapSession imap(Credentials user);

    /** The raw messages the SMTP server accepted for the envelope recipient {@code address}. */
    List<String> deliveredTo(String address);

    /** The special-use mailboxes every new user has, with their roles (besides INBOX). */
    Map<MailboxName, MailboxRole> specialUse();

    /** Whether the server announces QUOTA with a limit for every user. */
    boolean enforcesQuota();
}

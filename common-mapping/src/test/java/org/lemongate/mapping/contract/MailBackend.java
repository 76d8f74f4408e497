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
    Credentials newUser(String password);

    /** A user with an ASCII password; see {@link #newUser(String)}. */
    default Credentials newUser() {
        return newUser("secret-" + Long.toHexString(System.nanoTime()));
    }

    /** A plain IMAP session as {@code user}, straight to the server. */
    ImapSession imap(Credentials user);

    /** The raw messages the SMTP server accepted for the envelope recipient {@code address}. */
    List<String> deliveredTo(String address);

    /** The special-use mailboxes every new user has, with their roles (besides INBOX). */
    Map<MailboxName, MailboxRole> specialUse();

    /** Whether the server announces QUOTA with a limit for every user. */
    boolean enforcesQuota();

    /**
     * Whether the server's RFC822.SIZE is the exact size of the stored message. GreenMail 2.1 leaves the header out,
     * which makes sizes, and everything a connector derives from them, differ from the bytes it serves.
     */
    boolean reportsExactSizes();

    /** Whether SEARCH FROM and TO work on the server (GreenMail 2.1 finds nothing for either). */
    boolean searchesAddresses();

    /** Deletes and recreates a mailbox directly on the server, so that it gets a new UIDVALIDITY. */
    default void recreateMailbox(Credentials user, MailboxName box) {
        try (ImapSession imap = imap(user)) {
            imap.delete(box);
            imap.create(box);
        }
    }
}

package org.lemongate.mapping.contract;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;

/**
 * A fresh user of one test: credentials, the gateway's account, and seeding behind the gateway's back.
 *
 * @param credentials how the user logs in
 * @param account     the user's account as the gateway serves it
 * @param backend     the servers the test runs against
 */
public record TestUser(Credentials credentials, MailAccount account, MailBackend backend) {

    /** Creates a user on the server and logs in through the gateway. */
    public static TestUser create(MailBackend backend) {
        Credentials credentials = backend.newUser();
        return new TestUser(credentials, backend.gateway().login(credentials), backend);
    }

    /** A direct IMAP session as this user. */
    public ImapSession imap() {
        return backend.imap(credentials);
    }

    /** Stores {@code message} directly on the server with the given arrival time and flags. */
    public MessageRef seed(MailboxName box, byte[] message, Instant received, String... flags) {
        try (ImapSession imap = imap()) {
            return imap.append(box, message, received, flags);
        }
    }

    /** Creates a mailbox directly on the server. */
    public void createDirectly(MailboxName box) {
        try (ImapSession imap = imap()) {
            imap.create(box);
        }
    }

    /**
     * Stores {@code count} notes with subjects {@code prefix 0 ..}, arriving a minute apart from {@code first}; returns
     * them oldest first.
     */
    public List<MessageRef> seedNotes(MailboxName box, String prefix, int count, Instant first) {
        List<MessageRef> refs = new ArrayList<>();
        try (ImapSession imap = imap()) {
            for (int i = 0; i < count; i++) {
                refs.add(imap.append(box, Samples.note(prefix + " " + i, "ann@example.org", credentials.user()
                        + "@example.org"), first.plus(Duration.ofMinutes(i))));
            }
        }
        return refs;
    }

    /** A STATUS item of a mailbox, read directly from the server. */
    public long status(MailboxName box, String item) {
        try (ImapSession imap = imap()) {
            return imap.status(box, item);
        }
    }
}

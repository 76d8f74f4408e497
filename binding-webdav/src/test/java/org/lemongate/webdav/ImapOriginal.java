package org.lemongate.webdav;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;
import java.util.Properties;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.MessageIDTerm;

/**
 * A message's bytes as the IMAP server itself hands them out (the raw BODY[] that Jakarta Mail's {@code writeTo}
 * streams), read over an IMAP session of the test's own, so that interop tests compare a client's copy with the
 * server and not with the gateway under test.
 */
final class ImapOriginal {

    private static final String TIMEOUT_MILLIS = "10000";

    private ImapOriginal() {
    }

    /**
     * The message with the given Message-ID in a mailbox, or empty when the mailbox holds none.
     *
     * @throws IOException when the server refuses a step or the connection fails
     */
    static Optional<byte[]> fetch(String host, int port, String user, String password, String mailbox,
            String messageId) throws IOException {
        Properties props = new Properties();
        props.setProperty("mail.imap.connectiontimeout", TIMEOUT_MILLIS);
        props.setProperty("mail.imap.timeout", TIMEOUT_MILLIS);
        try (Store store = Session.getInstance(props).getStore("imap")) {
            store.connect(host, port, user, password);
            Folder folder = store.getFolder(mailbox);
            folder.open(Folder.READ_ONLY); // EXAMINE: reading leaves \Seen alone
            try {
                Message[] found = folder.search(new MessageIDTerm(messageId));
                if (found.length == 0) {
                    return Optional.empty();
                }
                ByteArrayOutputStream message = new ByteArrayOutputStream();
                found[0].writeTo(message);
                return Optional.of(message.toByteArray());
            } finally {
                folder.close(false);
            }
        } catch (MessagingException e) {
            throw new IOException("reading " + messageId + " from " + mailbox + " over IMAP failed: " + e, e);
        }
    }
}

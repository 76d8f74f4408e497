package org.lemongate.soap;

import java.nio.charset.StandardCharsets;
import java.util.Properties;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.lemongate.testsupport.DovecotServer;

/**
 * A second IMAP client of the test user's mailbox, next to the gateway: the "other device" whose appends, flag
 * changes and expunges SOAP subscribers must see.
 */
final class ImapSession implements AutoCloseable {

    private final Store store;
    private final IMAPFolder inbox;

    ImapSession(DovecotServer dovecot) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.imap.connectiontimeout", "5000");
        properties.put("mail.imap.timeout", "10000");
        store = Session.getInstance(properties).getStore("imap");
        store.connect(dovecot.host(), dovecot.imapPort(), SoapTestGateway.USER, SoapTestGateway.PASSWORD);
        inbox = (IMAPFolder) store.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
    }

    /** Appends a small text message with the given Message-ID (without brackets); returns its UID. */
    long append(String messageId) throws MessagingException {
        String text = "From: Carol <carol@example.org>\r\nTo: Ann <ann@example.org>\r\nSubject: " + messageId
                + "\r\nMessage-ID: <" + messageId + ">\r\n\r\nHello " + messageId + "\r\n";
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
        AppendUID[] uids = inbox.appendUIDMessages(new Message[] {message});
        return uids[0].uid;
    }

    void flag(long uid) throws MessagingException {
        inbox.getMessageByUID(uid).setFlag(Flags.Flag.FLAGGED, true);
    }

    void expunge(long uid) throws MessagingException {
        Message message = inbox.getMessageByUID(uid);
        message.setFlag(Flags.Flag.DELETED, true);
        inbox.expunge(new Message[] {message});
    }

    long uidValidity() throws MessagingException {
        return ((UIDFolder) inbox).getUIDValidity();
    }

    @Override
    public void close() throws MessagingException {
        inbox.close(false);
        store.close();
    }
}

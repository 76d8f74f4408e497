package org.lemongate.webdav;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.lemongate.testsupport.DovecotServer;

/**
 * What an interop test checks on the IMAP side of a desktop client's work: a user's messages and mailboxes as
 * Dovecot has them, read past the gateway.
 *
 * @param dovecot  the server behind the gateway
 * @param user     the user's IMAP name
 * @param password the user's IMAP password
 */
record MailOnServer(DovecotServer dovecot, String user, String password) {

    /** The desktop-client tests' Dovecot user. */
    static final String USER = "alice";

    /** Her password. */
    static final String PASSWORD = "secret";

    /** A small CRLF message with the given subject and Message-ID, as a mail client would write it. */
    static byte[] message(String subject, String messageId) {
        return ("From: Alice <alice@example.org>\r\nTo: Bob <bob@example.org>\r\nSubject: " + subject
                + "\r\nMessage-ID: " + messageId + "\r\nDate: Mon, 30 Nov 2026 09:00:00 +0000\r\n\r\n"
                + "Dropped into a folder by a desktop client.\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The message's bytes as the server hands them out; fails when the mailbox has no such message. */
    byte[] original(String mailbox, String messageId) throws IOException {
        return ImapOriginal.fetch(dovecot.host(), dovecot.imapPort(), user, password, mailbox, messageId)
                .orElseThrow(() -> new AssertionError("no message " + messageId + " in " + mailbox));
    }

    /** Whether the mailbox holds no message with that Message-ID. */
    boolean absent(String mailbox, String messageId) throws IOException {
        return ImapOriginal.fetch(dovecot.host(), dovecot.imapPort(), user, password, mailbox, messageId).isEmpty();
    }

    /** The user's mailbox names. */
    List<String> mailboxes() {
        return dovecot.doveadm("mailbox", "list", "-u", user).lines().map(String::strip).toList();
    }
}

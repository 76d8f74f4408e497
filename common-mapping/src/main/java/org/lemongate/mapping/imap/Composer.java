package org.lemongate.mapping.imap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.net.IDN;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;

import org.lemongate.mapping.Address;
import org.lemongate.mapping.AttachmentSource;
import org.lemongate.mapping.Composition;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.SpooledMessage;

/**
 * Builds the MIME message of a {@link Composition} straight into the spool. Jakarta Mail lays out the structure
 * (multipart/mixed around a text, HTML or multipart/alternative body, then the attachments) and encodes the header
 * (RFC 2047 words, RFC 2231 file names); every transfer encoding is fixed beforehand, so that Jakarta Mail never
 * reads an attachment to choose one and each attachment is read exactly once, while it is written.
 */
final class Composer {

    private static final Session SESSION = Session.getInstance(new Properties());

    private Composer() {
    }

    static SpooledMessage compose(Composition composition, List<AttachmentSource> attachments, long maxBytes,
                                  int threshold, Path spoolDir) {
        try {
            MimeMessage message = build(composition, List.copyOf(attachments));
            return SpooledMessage.write(out -> writeTo(message, out), maxBytes, threshold, spoolDir);
        } catch (MessagingException e) {
            throw new MailException.InvalidInput("message", "the message cannot be built: " + e.getMessage());
        } catch (IOException e) {
            throw new MailException.InvalidInput("attachments", "an attachment could not be read to its end: "
                    + e.getMessage());
        }
    }

    private static void writeTo(MimeMessage message, OutputStream out) throws IOException {
        try {
            message.writeTo(out);
        } catch (MessagingException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static MimeMessage build(Composition c, List<AttachmentSource> attachments)
            throws MessagingException, UnsupportedEncodingException {
        MimeMessage m = new FixedIdMessage(messageId(c.from()));
        m.setFrom(internet(c.from()));
        m.setRecipients(Message.RecipientType.TO, internet(c.to()));
        m.setRecipients(Message.RecipientType.CC, internet(c.cc()));
        m.setRecipients(Message.RecipientType.BCC, internet(c.bcc()));
        if (!c.subject().isEmpty()) {
            m.setSubject(c.subject(), "UTF-8");
        }
        m.setSentDate(new Date());
        if (!c.inReplyTo().isEmpty()) {
            m.setHeader("In-Reply-To", c.inReplyTo());
        }
        if (!c.references().isEmpty()) {
            m.setHeader("References", String.join("\r\n ", c.references()));
        }
        if (attachments.isEmpty()) {
            fillBody(m, c);
        } else {
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart body = new MimeBodyPart();
            fillBody(body, c);
            mixed.addBodyPart(body);
            for (AttachmentSource a : attachments) {
                mixed.addBodyPart(attachment(a));
            }
            m.setContent(mixed);
        }
        m.saveChanges();
        return m;
    }

    /** The text, the HTML, or both as alternatives; an empty text when the composition has neither. */
    private static void fillBody(MimePart target, Composition c) throws MessagingException {
        if (!c.text().isEmpty() && !c.html().isEmpty()) {
            MimeMultipart alternative = new MimeMultipart("alternative");
            MimeBodyPart plain = new MimeBodyPart();
            fillText(plain, c.text(), "plain");
            alternative.addBodyPart(plain);
            MimeBodyPart html = new MimeBodyPart();
            fillText(html, c.html(), "html");
            alternative.addBodyPart(html);
            target.setContent(alternative);
        } else if (c.html().isEmpty()) {
            fillText(target, c.text(), "plain");
        } else {
            fillText(target, c.html(), "html");
        }
    }

    private static void fillText(MimePart target, String text, String subtype) throws MessagingException {
        target.setText(text, "UTF-8", subtype);
        // Quoted-printable keeps every line short and every byte 7-bit, whatever the text.
        target.setHeader("Content-Transfer-Encoding", "quoted-printable");
    }

    private static MimeBodyPart attachment(AttachmentSource a) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new Streamed(a)));
        part.setFileName(a.filename());
        part.setDisposition(MimeBodyPart.ATTACHMENT);
        part.setHeader("Content-Type", a.contentType());
        part.setHeader("Content-Transfer-Encoding", "base64");
        return part;
    }

    private static InternetAddress internet(Address a) throws UnsupportedEncodingException {
        return new InternetAddress(a.email(), a.name().isEmpty() ? null : a.name(), "UTF-8");
    }

    private static InternetAddress[] internet(List<Address> list) throws UnsupportedEncodingException {
        InternetAddress[] out = new InternetAddress[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = internet(list.get(i));
        }
        return out.length == 0 ? null : out;
    }

    private static String messageId(Address from) {
        String domain;
        try {
            domain = IDN.toASCII(from.email().substring(from.email().lastIndexOf('@') + 1));
        } catch (IllegalArgumentException e) {
            domain = "lemongate.invalid";
        }
        return "<" + UUID.randomUUID() + "@" + domain + ">";
    }

    /** Keeps the Message-ID chosen here: Jakarta Mail's own would name the host the gateway runs on. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String id;

        FixedIdMessage(String id) {
            super(SESSION);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }

    /** An attachment's bytes as a DataSource that opens the upload when the part is written. */
    private record Streamed(AttachmentSource source) implements DataSource {
        @Override
        public InputStream getInputStream() throws IOException {
            return source.content().open();
        }

        @Override
        public OutputStream getOutputStream() {
            throw new UnsupportedOperationException("an attachment is read, not written");
        }

        @Override
        public String getContentType() {
            return source.contentType();
        }

        @Override
        public String getName() {
            return source.filename();
        }
    }
}

package org.lemongate.mapping.imap;

import java.io.IOException;
import java.io.InputStream;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeUtility;

import org.lemongate.mapping.Flags;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MailboxRole;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.MessageSource;
import org.lemongate.mapping.SubmitResult;
import org.lemongate.mapping.SystemFlag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submission over SMTP with a copy kept in Sent. The envelope comes from the message's own From, To, Cc and Bcc;
 * Date and Message-ID are added in front when missing, so that the copy in Sent holds the very bytes that were sent.
 * The one difference: SMTP leaves the Bcc header out, while the Sent copy keeps it so the sender can see whom they
 * blind-copied (as mail clients do). Only the header is parsed; the body is streamed from the source each time.
 */
final class Submitter {

    private static final Logger LOG = LoggerFactory.getLogger(Submitter.class);

    private final Imap imap;
    private final ImapGateway gateway;
    private final MailboxDirectory mailboxes;

    Submitter(Imap imap, ImapGateway gateway, MailboxDirectory mailboxes) {
        this.imap = imap;
        this.gateway = gateway;
        this.mailboxes = mailboxes;
    }

    /**
     * Sends the message and keeps a copy in Sent. When the message went out but the copy could not be stored, the
     * result says so with an empty {@link SubmitResult#sentCopy()} instead of failing: failing would invite the
     * client to send the message twice.
     */
    SubmitResult submit(MessageSource message) {
        Objects.requireNonNull(message, "message");
        BackendSettings settings = gateway.settings();
        if (settings.smtp().isEmpty()) {
            throw new MailException.Forbidden("message submission is not configured on this gateway");
        }
        long max = settings.limits().maxUploadBytes();
        requireWithin(message.size(), max);
        MessageWriter.check(message);
        InternetHeaders headers = readHeaders(message);
        Envelope envelope = Envelope.of(headers, settings.limits().maxBatchItems());
        StringBuilder added = new StringBuilder();
        String messageId = first(headers, "Message-ID");
        if (messageId == null) {
            messageId = "<" + UUID.randomUUID() + "@" + domain(envelope.from()) + ">";
            added.append("Message-ID: ").append(messageId).append("\r\n");
        }
        if (first(headers, "Date") == null) {
            added.append("Date: ").append(new MailDateFormat().format(new Date())).append("\r\n");
        }
        MessageSource outgoing = added.length() == 0 ? message
                : MessageSource.prefixed(added.toString().getBytes(StandardCharsets.UTF_8), message);
        requireWithin(outgoing.size(), max);
        new SmtpSender(settings, gateway.smtpProps()).send(imap.credentials(), envelope, headers, outgoing);
        return new SubmitResult(messageId, envelope.recipients().stream().map(InternetAddress::getAddress).toList(),
                keepCopy(outgoing, messageId));
    }

    private static void requireWithin(long size, long max) {
        if (size > max) {
            throw new MailException.TooLarge("the message is " + size + " bytes; this gateway accepts at most "
                    + max, max);
        }
    }

    private Optional<MessageRef> keepCopy(MessageSource sent, String messageId) {
        try {
            MailboxName sentMailbox = mailboxes.withRole(MailboxRole.SENT, gateway.settings().sentMailbox(), true)
                    .orElseThrow();
            return Optional.of(new MessageWriter(imap, mailboxes).append(sentMailbox, sent, Flags.of(SystemFlag.SEEN),
                    Optional.empty()));
        } catch (MailException e) {
            LOG.warn("message {} of user {} was sent, but keeping a copy in Sent failed: {}", messageId,
                    imap.credentials().user(), e.getMessage());
            return Optional.empty();
        }
    }

    /** Only the header section: InternetHeaders stops at the empty line. */
    private static InternetHeaders readHeaders(MessageSource message) {
        try (InputStream in = message.open()) {
            return new InternetHeaders(in);
        } catch (MessagingException e) {
            throw new MailException.InvalidInput("message", "the message header cannot be read: " + e.getMessage());
        } catch (IOException e) {
            throw new MailException.BackendError("could not read the message to send: " + e.getMessage(), e);
        }
    }

    private static String first(InternetHeaders headers, String name) {
        String[] values = headers.getHeader(name);
        if (values == null || values.length == 0) {
            return null;
        }
        String v = MimeUtility.unfold(values[0]).strip();
        return v.isEmpty() ? null : v;
    }

    /** The sender's domain in ASCII, so that a generated Message-ID is plain ASCII whatever the address. */
    private static String domain(InternetAddress from) {
        String a = from.getAddress();
        try {
            return IDN.toASCII(a.substring(a.lastIndexOf('@') + 1));
        } catch (IllegalArgumentException e) {
            return "lemongate.invalid";
        }
    }
}

package org.lemongate.mapping.imap;

import java.io.IOException;
import java.net.URI;
import java.util.Properties;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetHeaders;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MessageSource;

/**
 * Hands a message to the SMTP submission server with the user's own credentials, under the gateway's timeouts and
 * STARTTLS policy, and turns what goes wrong into the mapping layer's errors.
 */
final class SmtpSender {

    private final BackendSettings settings;
    private final Properties smtpProps;

    SmtpSender(BackendSettings settings, Properties smtpProps) {
        this.settings = settings;
        this.smtpProps = smtpProps;
    }

    /** Sends {@code bytes} to the envelope's recipients; all are accepted or nothing is sent. */
    void send(Credentials credentials, Envelope envelope, InternetHeaders headers, MessageSource bytes) {
        URI smtp = settings.smtp().orElseThrow();
        boolean ssl = smtp.getScheme().equalsIgnoreCase("smtps");
        String protocol = ssl ? "smtps" : "smtp";
        int port = smtp.getPort() > 0 ? smtp.getPort() : ssl ? 465 : 587;
        Session session = Session.getInstance(sessionProps(protocol, ssl, credentials, envelope));
        Transport transport = null;
        try {
            transport = session.getTransport(protocol);
            transport.connect(smtp.getHost(), port, credentials.user(), credentials.secret());
            transport.sendMessage(new OutgoingMessage(session, headers, bytes),
                    envelope.recipients().toArray(new Address[0]));
        } catch (MessagingException e) {
            throw translate(e);
        } finally {
            close(transport);
        }
    }

    private Properties sessionProps(String protocol, boolean ssl, Credentials credentials, Envelope envelope) {
        String prefix = "mail." + protocol + ".";
        Properties p = new Properties();
        // The gateway's mail.smtp.* timeouts and TLS settings apply under mail.smtps.* too.
        smtpProps.forEach((k, v) -> p.put(k.toString().replaceFirst("^mail\\.smtp\\.", prefix), v));
        p.put(prefix + "auth", "true");
        p.put(prefix + "from", envelope.from().getAddress());
        if (!ssl) {
            p.put(prefix + "starttls.enable", Boolean.toString(settings.startTls() != BackendSettings.StartTls.OFF));
            p.put(prefix + "starttls.required",
                    Boolean.toString(settings.startTls() == BackendSettings.StartTls.REQUIRED));
        }
        if (credentials.kind() == Credentials.Kind.BEARER) {
            p.put(prefix + "auth.mechanisms", "XOAUTH2");
        }
        return p;
    }

    private static void close(Transport transport) {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException e) {
                // The message was handed over or the failure is already reported; QUIT is a courtesy.
            }
        }
    }

    private MailException translate(MessagingException e) {
        if (e instanceof AuthenticationFailedException) {
            return new MailException.AuthFailed("the SMTP server rejected the user name or password");
        }
        for (Throwable x = e; x != null; x = x.getCause()) {
            if (x instanceof SMTPAddressFailedException a) {
                String text = serverText(a.getMessage());
                if (a.getReturnCode() >= 400 && a.getReturnCode() < 500) {
                    return new MailException.BackendUnavailable("the SMTP server temporarily refused recipient "
                            + a.getAddress() + " (" + text + "); retry later", Failures.RETRY_AFTER, false, e);
                }
                return new MailException.InvalidInput("recipients", "the SMTP server refused recipient "
                        + a.getAddress() + ": " + text);
            }
        }
        if (e instanceof SMTPSendFailedException s) {
            String text = serverText(s.getMessage());
            if (s.getReturnCode() >= 400 && s.getReturnCode() < 500) {
                return new MailException.BackendUnavailable("the SMTP server temporarily refused the message ("
                        + text + "); retry later", Failures.RETRY_AFTER, false, e);
            }
            if (s.getReturnCode() == 552) {
                return new MailException.TooLarge("the SMTP server refused the message as too large: " + text,
                        settings.limits().maxUploadBytes());
            }
            return new MailException.BackendError("the SMTP server refused the message: " + text, e);
        }
        if (e instanceof SendFailedException) {
            return new MailException.InvalidInput("recipients", "the SMTP server refused the recipients: "
                    + serverText(e.getMessage()));
        }
        IOException io = innermostIo(e);
        if (io != null) {
            return Failures.translate(io, "SMTP server");
        }
        return new MailException.BackendError("the SMTP server failed: " + serverText(e.getMessage()), e);
    }

    /** The deepest I/O failure in the cause chain: the one naming what really happened (refused, timed out). */
    private static IOException innermostIo(Throwable e) {
        IOException found = null;
        for (Throwable x = e; x != null && x.getCause() != x; x = x.getCause()) {
            if (x instanceof IOException io) {
                found = io;
            }
        }
        return found;
    }

    /** A server's words, safe to show: printable characters only, at most 200 of them. */
    private static String serverText(String text) {
        String t = text == null ? "" : text.strip();
        StringBuilder b = new StringBuilder(Math.min(t.length(), 200));
        for (int i = 0; i < t.length() && b.length() < 200; i++) {
            char c = t.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return b.toString();
    }
}

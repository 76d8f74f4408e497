package org.lemongate.mapping.imap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;

import org.lemongate.mapping.MailException;

/**
 * Who a submitted message is from and to, read from its own header: the sender from From, the recipients from To,
 * Cc and Bcc (groups expanded, duplicates dropped). Every address must be a complete, valid {@code local@domain}.
 *
 * @param from       the envelope sender (MAIL FROM)
 * @param recipients the envelope recipients (RCPT TO), in header order
 */
record Envelope(InternetAddress from, List<InternetAddress> recipients) {

    Envelope {
        recipients = List.copyOf(recipients);
    }

    /**
     * Reads the envelope of a message header.
     *
     * @throws MailException.InvalidInput for field {@code from} or {@code recipients}, naming the bad address
     */
    static Envelope of(InternetHeaders headers, int maxRecipients) {
        List<InternetAddress> senders = addresses(headers, "From", "from");
        if (senders.isEmpty()) {
            throw new MailException.InvalidInput("from", "the message has no From header naming its sender");
        }
        Map<String, InternetAddress> recipients = new LinkedHashMap<>();
        for (String field : new String[] {"To", "Cc", "Bcc"}) {
            for (InternetAddress a : addresses(headers, field, "recipients")) {
                recipients.putIfAbsent(a.getAddress().toLowerCase(Locale.ROOT), a);
            }
        }
        if (recipients.isEmpty()) {
            throw new MailException.InvalidInput("recipients", "the message names no recipient in To, Cc or Bcc");
        }
        if (recipients.size() > maxRecipients) {
            throw new MailException.InvalidInput("recipients", "the message names " + recipients.size()
                    + " recipients; at most " + maxRecipients + " are allowed");
        }
        return new Envelope(senders.get(0), new ArrayList<>(recipients.values()));
    }

    private static List<InternetAddress> addresses(InternetHeaders headers, String name, String field) {
        String[] values = headers.getHeader(name);
        List<InternetAddress> out = new ArrayList<>();
        if (values == null) {
            return out;
        }
        for (String folded : values) {
            String value = MimeUtility.unfold(folded);
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new MailException.InvalidInput(field, "the " + name + " header contains a bare CR or LF");
            }
            InternetAddress[] parsed;
            try {
                parsed = InternetAddress.parseHeader(value, true);
            } catch (AddressException e) {
                throw new MailException.InvalidInput(field, "the " + name + " header '" + shorten(value)
                        + "' is not a valid address list: " + e.getMessage());
            }
            for (InternetAddress a : parsed) {
                if (a.isGroup()) {
                    try {
                        for (InternetAddress member : a.getGroup(true)) {
                            out.add(valid(member, name, field));
                        }
                    } catch (AddressException e) {
                        throw new MailException.InvalidInput(field, "the group '" + shorten(a.toString()) + "' in "
                                + name + " is not valid: " + e.getMessage());
                    }
                } else {
                    out.add(valid(a, name, field));
                }
            }
        }
        return out;
    }

    private static InternetAddress valid(InternetAddress a, String header, String field) {
        String address = a.getAddress() == null ? "" : a.getAddress();
        try {
            a.validate();
        } catch (AddressException e) {
            throw new MailException.InvalidInput(field, "'" + shorten(address) + "' in " + header
                    + " is not a valid address: " + e.getMessage());
        }
        int at = address.lastIndexOf('@');
        if (at < 1 || at == address.length() - 1) {
            throw new MailException.InvalidInput(field, "'" + shorten(address) + "' in " + header
                    + " is not a complete address (local@domain)");
        }
        return a;
    }

    private static String shorten(String s) {
        return s.length() <= 100 ? s : s.substring(0, 100) + "...";
    }
}

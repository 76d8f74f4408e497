package org.lemongate.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A message to be composed by the gateway from parts a client names, rather than uploaded as RFC 822 bytes. Every
 * value that ends up in a header field is checked here, before anything is built: no CR, LF or other control
 * character (so no value can add a header field or an SMTP command), addresses of the plain {@code local@domain}
 * form, bounded lengths. The body is plain text, HTML, or both (then sent as {@code multipart/alternative}).
 *
 * @param from       the sender
 * @param to         the primary recipients
 * @param cc         the copied recipients
 * @param bcc        the blind-copied recipients: sent to, kept in the Sent copy, never transmitted as a header
 * @param subject    the subject, or an empty string
 * @param text       the plain-text body, or an empty string
 * @param html       the HTML body, or an empty string
 * @param inReplyTo  the Message-ID this message answers ({@code <id@host>}), or an empty string
 * @param references the Message-IDs of the thread, oldest first
 */
public record Composition(Address from, List<Address> to, List<Address> cc, List<Address> bcc, String subject,
                          String text, String html, String inReplyTo, List<String> references) {

    /** Longest subject accepted, in characters (RFC 5322 allows 998 per line; folding makes room for more). */
    public static final int MAX_SUBJECT = 1000;
    /** Longest display name accepted, in characters. */
    public static final int MAX_NAME = 200;
    /** Most Message-IDs in {@code references}. */
    public static final int MAX_REFERENCES = 100;

    // Local part and domain without spaces, quotes, brackets, separators or control characters: the form every
    // SMTP server takes and no header or command can be smuggled through.
    private static final Pattern EMAIL = Pattern.compile("[^\\s\"(),:;<>@\\[\\\\\\]\\p{Cntrl}]{1,64}"
            + "@[^\\s\"(),:;<>@\\[\\\\\\]\\p{Cntrl}]{1,189}");
    private static final Pattern MESSAGE_ID = Pattern.compile("<[!-;=?-~]{1,250}>");

    /**
     * Validates and normalises (null lists become empty, null strings empty).
     *
     * @throws MailException.InvalidInput naming the member at fault ({@code from}, {@code to[1].email},
     *                                    {@code subject}, ...)
     */
    public Composition {
        if (from == null) {
            throw new MailException.InvalidInput("from", "a message needs a sender ('from')");
        }
        check(from, "from");
        to = checked(to, "to");
        cc = checked(cc, "cc");
        bcc = checked(bcc, "bcc");
        if (to.isEmpty() && cc.isEmpty() && bcc.isEmpty()) {
            throw new MailException.InvalidInput("to", "a message needs at least one recipient in to, cc or bcc");
        }
        subject = headerText(subject, "subject", MAX_SUBJECT);
        text = text == null ? "" : text;
        html = html == null ? "" : html;
        noNul(text, "text");
        noNul(html, "html");
        inReplyTo = inReplyTo == null ? "" : inReplyTo;
        if (!inReplyTo.isEmpty()) {
            messageId(inReplyTo, "inReplyTo");
        }
        references = references == null ? List.of() : List.copyOf(references);
        if (references.size() > MAX_REFERENCES) {
            throw new MailException.InvalidInput("references", "at most " + MAX_REFERENCES + " Message-IDs");
        }
        for (int i = 0; i < references.size(); i++) {
            messageId(references.get(i), "references[" + i + "]");
        }
    }

    private static List<Address> checked(List<Address> addresses, String field) {
        if (addresses == null) {
            return List.of();
        }
        List<Address> out = new ArrayList<>(addresses.size());
        for (int i = 0; i < addresses.size(); i++) {
            Address a = addresses.get(i);
            String at = field + "[" + i + "]";
            if (a == null) {
                throw new MailException.InvalidInput(at, "an address must not be null");
            }
            check(a, at);
            out.add(a);
        }
        return List.copyOf(out);
    }

    private static void check(Address address, String field) {
        if (!EMAIL.matcher(address.email()).matches()) {
            throw new MailException.InvalidInput(field + ".email", "'" + printable(address.email())
                    + "' is not a mail address of the form local@domain (no spaces, quotes, brackets or line breaks)");
        }
        headerText(address.name(), field + ".name", MAX_NAME);
    }

    private static String headerText(String value, String field, int max) {
        String v = value == null ? "" : value;
        if (v.length() > max) {
            throw new MailException.InvalidInput(field, "at most " + max + " characters");
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw new MailException.InvalidInput(field, "must not contain line breaks or other control characters"
                        + " (found U+" + String.format("%04X", (int) c) + " at position " + i + ")");
            }
        }
        return v;
    }

    private static void messageId(String id, String field) {
        if (!MESSAGE_ID.matcher(Objects.requireNonNullElse(id, "")).matches()) {
            throw new MailException.InvalidInput(field, "'" + printable(id) + "' is not a Message-ID such as"
                    + " <id@example.org>");
        }
    }

    private static void noNul(String body, String field) {
        if (body.indexOf('\0') >= 0) {
            throw new MailException.InvalidInput(field, "must not contain NUL characters");
        }
    }

    private static String printable(String s) {
        String v = s == null ? "" : s;
        return v.codePoints().limit(80).map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}

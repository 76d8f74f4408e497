package org.lemongate.mapping;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A mailbox's full name as users see it: Unicode (NFC), with {@code /} separating hierarchy levels whatever the
 * IMAP server's own delimiter. {@code INBOX} is matched case-insensitively and always spelled {@code INBOX}.
 * Modified UTF-7 and the server delimiter exist only inside the connector.
 *
 * @param path the normalised full name, e.g. {@code Archive/Été 2026}
 */
public record MailboxName(String path) {

    /** Longest full name accepted, in characters. */
    public static final int MAX_LENGTH = 400;
    /** Longest single hierarchy level accepted, in characters. */
    public static final int MAX_SEGMENT_LENGTH = 200;
    /** The inbox. */
    public static final MailboxName INBOX = new MailboxName("INBOX");

    public MailboxName {
        path = validate(path);
    }

    /** Parses a user-supplied name; see the class description for the rules. */
    public static MailboxName of(String path) {
        return new MailboxName(path);
    }

    /** Builds a name from its hierarchy levels, e.g. {@code ("Archive", "2026")}. */
    public static MailboxName ofSegments(List<String> segments) {
        if (segments == null || segments.isEmpty()) {
            throw new MailException.InvalidInput("mailbox", "mailbox name is empty");
        }
        for (String s : segments) {
            if (s != null && s.indexOf('/') >= 0) {
                throw new MailException.InvalidInput("mailbox", "a mailbox name level cannot contain '/'");
            }
        }
        return new MailboxName(String.join("/", segments));
    }

    private static String validate(String raw) {
        String p = Text.clean("mailbox", raw, MAX_LENGTH);
        if (p.isEmpty()) {
            throw new MailException.InvalidInput("mailbox", "mailbox name is empty");
        }
        p = Normalizer.normalize(p, Normalizer.Form.NFC);
        if (p.startsWith("/") || p.endsWith("/")) {
            throw new MailException.InvalidInput("mailbox", "mailbox name '" + p + "' starts or ends with '/'");
        }
        if (p.indexOf('*') >= 0 || p.indexOf('%') >= 0) {
            throw new MailException.InvalidInput("mailbox",
                    "mailbox name '" + p + "' contains '*' or '%', which IMAP reserves as wildcards");
        }
        String[] segments = p.split("/", -1);
        for (String s : segments) {
            if (s.isEmpty()) {
                throw new MailException.InvalidInput("mailbox", "mailbox name '" + p + "' has an empty level ('//')");
            }
            if (s.equals(".") || s.equals("..")) {
                throw new MailException.InvalidInput("mailbox", "mailbox name '" + p + "' has a '.' or '..' level");
            }
            if (s.length() > MAX_SEGMENT_LENGTH) {
                throw new MailException.InvalidInput("mailbox",
                        "a level of mailbox name is longer than " + MAX_SEGMENT_LENGTH + " characters");
            }
            if (!s.strip().equals(s)) {
                throw new MailException.InvalidInput("mailbox",
                        "mailbox name level '" + s + "' starts or ends with white space");
            }
        }
        if (segments[0].toUpperCase(Locale.ROOT).equals("INBOX") && !segments[0].equals("INBOX")) {
            segments[0] = "INBOX";
            p = String.join("/", segments);
        }
        return p;
    }

    /** The hierarchy levels, outermost first. */
    public List<String> segments() {
        return List.of(path.split("/"));
    }

    /** The last level, e.g. {@code 2026} for {@code Archive/2026}. */
    public String leaf() {
        int i = path.lastIndexOf('/');
        return i < 0 ? path : path.substring(i + 1);
    }

    /** The enclosing mailbox, if this one is nested. */
    public Optional<MailboxName> parent() {
        int i = path.lastIndexOf('/');
        return i < 0 ? Optional.empty() : Optional.of(new MailboxName(path.substring(0, i)));
    }

    /** The child mailbox with the given level name. */
    public MailboxName child(String segment) {
        if (segment == null || segment.indexOf('/') >= 0) {
            throw new MailException.InvalidInput("mailbox", "a mailbox name level cannot contain '/'");
        }
        return new MailboxName(path + "/" + segment);
    }

    /** Whether this is the inbox. */
    public boolean isInbox() {
        return path.equals("INBOX");
    }

    /** Whether {@code other} is this mailbox or lies below it in the hierarchy. */
    public boolean contains(MailboxName other) {
        return other.path.equals(path) || other.path.startsWith(path + "/");
    }

    @Override
    public String toString() {
        return path;
    }
}

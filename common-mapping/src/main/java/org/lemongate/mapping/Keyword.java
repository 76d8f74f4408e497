package org.lemongate.mapping;

/**
 * A user-defined IMAP keyword such as {@code $Forwarded} or {@code project-x}: an IMAP atom (RFC 9051 "flag-keyword"),
 * at most 100 characters, without spaces, controls or any of {@code ( ) { % * " \ ]}.
 *
 * @param name the keyword exactly as stored on the server
 */
public record Keyword(String name) {

    /** Longest keyword accepted. */
    public static final int MAX_LENGTH = 100;

    public Keyword {
        Text.clean("keyword", name, MAX_LENGTH);
        if (name.isEmpty()) {
            throw new MailException.InvalidInput("keyword", "keyword is empty");
        }
        if (name.startsWith("\\")) {
            throw new MailException.InvalidInput("keyword",
                    "keyword '" + name + "' starts with '\\', which is reserved for system flags");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c > 0x7e || c == ' ' || "(){%*\"\\]".indexOf(c) >= 0) {
                throw new MailException.InvalidInput("keyword", "keyword '" + name
                        + "' contains '" + c + "'; keywords are ASCII without spaces or ( ) { % * \" \\ ]");
            }
        }
    }

    /** Creates a keyword, validating it. */
    public static Keyword of(String name) {
        return new Keyword(name);
    }

    @Override
    public String toString() {
        return name;
    }
}

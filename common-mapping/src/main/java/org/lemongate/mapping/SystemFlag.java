package org.lemongate.mapping;

import java.util.Locale;
import java.util.Optional;

/** The IMAP system flags (RFC 9051 section 2.3.2) a client may set. {@code \Recent} is server-managed and absent. */
public enum SystemFlag {
    SEEN("\\Seen"),
    ANSWERED("\\Answered"),
    FLAGGED("\\Flagged"),
    DELETED("\\Deleted"),
    DRAFT("\\Draft");

    private final String imapName;

    SystemFlag(String imapName) {
        this.imapName = imapName;
    }

    /** The flag as IMAP spells it, e.g. {@code \Seen}. */
    public String imapName() {
        return imapName;
    }

    /** Looks a flag up by its IMAP spelling or by its bare name, case-insensitively ({@code \Seen}, {@code seen}). */
    public static Optional<SystemFlag> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String bare = text.startsWith("\\") ? text.substring(1) : text;
        for (SystemFlag f : values()) {
            if (f.name().equals(bare.toUpperCase(Locale.ROOT))) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}

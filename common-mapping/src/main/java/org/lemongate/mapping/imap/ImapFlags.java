package org.lemongate.mapping.imap;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.lemongate.mapping.Flags;
import org.lemongate.mapping.Keyword;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.SystemFlag;

/** Converts between the mapping layer's {@link Flags} and IMAP's flag lists. */
final class ImapFlags {

    private ImapFlags() {
    }

    /** An IMAP flag list such as {@code (\Seen $Forwarded)}; keywords are valid atoms by construction. */
    static String list(Flags flags) {
        List<String> names = new ArrayList<>();
        for (SystemFlag f : SystemFlag.values()) {
            if (flags.has(f)) {
                names.add(f.imapName());
            }
        }
        flags.keywords().stream().map(Keyword::name).sorted().forEach(names::add);
        return "(" + String.join(" ", names) + ")";
    }

    /** The same flags for Jakarta Mail's APPEND. */
    static jakarta.mail.Flags toJakarta(Flags flags) {
        jakarta.mail.Flags out = new jakarta.mail.Flags();
        for (SystemFlag f : flags.system()) {
            out.add(switch (f) {
                case SEEN -> jakarta.mail.Flags.Flag.SEEN;
                case ANSWERED -> jakarta.mail.Flags.Flag.ANSWERED;
                case FLAGGED -> jakarta.mail.Flags.Flag.FLAGGED;
                case DELETED -> jakarta.mail.Flags.Flag.DELETED;
                case DRAFT -> jakarta.mail.Flags.Flag.DRAFT;
            });
        }
        flags.keywords().forEach(k -> out.add(k.name()));
        return out;
    }

    /**
     * The flags a server reported. {@code \Recent} is server-managed and dropped, as are keywords the mapping layer
     * could not name safely (the server may hold anything a client once stored).
     */
    static Flags fromImap(jakarta.mail.Flags imap) {
        Set<SystemFlag> system = EnumSet.noneOf(SystemFlag.class);
        for (jakarta.mail.Flags.Flag f : imap.getSystemFlags()) {
            if (f == jakarta.mail.Flags.Flag.SEEN) {
                system.add(SystemFlag.SEEN);
            } else if (f == jakarta.mail.Flags.Flag.ANSWERED) {
                system.add(SystemFlag.ANSWERED);
            } else if (f == jakarta.mail.Flags.Flag.FLAGGED) {
                system.add(SystemFlag.FLAGGED);
            } else if (f == jakarta.mail.Flags.Flag.DELETED) {
                system.add(SystemFlag.DELETED);
            } else if (f == jakarta.mail.Flags.Flag.DRAFT) {
                system.add(SystemFlag.DRAFT);
            }
        }
        Set<Keyword> keywords = new HashSet<>();
        for (String k : imap.getUserFlags()) {
            try {
                keywords.add(Keyword.of(k));
            } catch (MailException.InvalidInput e) {
                // Not expressible as a Keyword: leave it out rather than fail the whole answer.
            }
        }
        return new Flags(system, keywords);
    }
}

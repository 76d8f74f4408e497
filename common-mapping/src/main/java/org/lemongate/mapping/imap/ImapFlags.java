package org.lemongate.mapping.imap;

import java.util.ArrayList;
import java.util.List;

import org.lemongate.mapping.Flags;
import org.lemongate.mapping.Keyword;
import org.lemongate.mapping.SystemFlag;

/** Writes the mapping layer's {@link Flags} for IMAP (reading them back is {@link SummaryReader#flags}). */
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
            out.add(toJakarta(f));
        }
        flags.keywords().forEach(k -> out.add(k.name()));
        return out;
    }

    /** Jakarta Mail's constant for a system flag. */
    static jakarta.mail.Flags.Flag toJakarta(SystemFlag flag) {
        return switch (flag) {
            case SEEN -> jakarta.mail.Flags.Flag.SEEN;
            case ANSWERED -> jakarta.mail.Flags.Flag.ANSWERED;
            case FLAGGED -> jakarta.mail.Flags.Flag.FLAGGED;
            case DELETED -> jakarta.mail.Flags.Flag.DELETED;
            case DRAFT -> jakarta.mail.Flags.Flag.DRAFT;
        };
    }
}

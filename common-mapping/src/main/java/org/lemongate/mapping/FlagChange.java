package org.lemongate.mapping;

import java.util.Objects;

/**
 * Flags and keywords to add and to remove in one operation. A flag may not be both added and removed.
 *
 * @param add    flags and keywords to set
 * @param remove flags and keywords to clear
 */
public record FlagChange(Flags add, Flags remove) {

    public FlagChange {
        Objects.requireNonNull(add, "add");
        Objects.requireNonNull(remove, "remove");
        if (add.isEmpty() && remove.isEmpty()) {
            throw new MailException.InvalidInput("flags", "the flag change neither adds nor removes anything");
        }
        for (SystemFlag f : add.system()) {
            if (remove.system().contains(f)) {
                throw new MailException.InvalidInput("flags", "flag " + f.imapName() + " is both added and removed");
            }
        }
        for (Keyword k : add.keywords()) {
            if (remove.keywords().contains(k)) {
                throw new MailException.InvalidInput("flags", "keyword " + k + " is both added and removed");
            }
        }
    }

    /** A change that only adds. */
    public static FlagChange adding(Flags add) {
        return new FlagChange(add, Flags.NONE);
    }

    /** A change that only removes. */
    public static FlagChange removing(Flags remove) {
        return new FlagChange(Flags.NONE, remove);
    }
}

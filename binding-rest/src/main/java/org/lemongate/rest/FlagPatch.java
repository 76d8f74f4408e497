package org.lemongate.rest;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.lemongate.mapping.FlagChange;
import org.lemongate.mapping.Flags;
import org.lemongate.mapping.Keyword;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.SystemFlag;

/**
 * The body that changes flags, in JSON merge-patch style: {@code true} sets a flag or keyword, {@code false} clears
 * it, and anything not named stays as it is, e.g. {@code {"flags": {"seen": true}, "keywords": {"$Todo": false}}}.
 *
 * @param flags    system flags by their name without backslash ({@code seen}, {@code answered}, {@code flagged},
 *                 {@code deleted}, {@code draft})
 * @param keywords user keywords, exactly as stored
 */
record FlagPatch(Map<String, Boolean> flags, Map<String, Boolean> keywords) {

    /**
     * The change to apply.
     *
     * @throws MailException.InvalidInput naming the flag or keyword at fault, or when nothing would change
     */
    FlagChange toChange() {
        Set<SystemFlag> add = EnumSet.noneOf(SystemFlag.class);
        Set<SystemFlag> remove = EnumSet.noneOf(SystemFlag.class);
        if (flags != null) {
            flags.forEach((name, set) -> {
                SystemFlag flag = SystemFlag.parse(name).orElseThrow(() -> new MailException.InvalidInput(
                        "flags." + name, "'" + name + "' is not a system flag; use seen, answered, flagged, "
                        + "deleted or draft, and keywords for anything else"));
                (value("flags." + name, set) ? add : remove).add(flag);
            });
        }
        Set<Keyword> addKeywords = new HashSet<>();
        Set<Keyword> removeKeywords = new HashSet<>();
        if (keywords != null) {
            keywords.forEach((name, set) -> (value("keywords." + name, set) ? addKeywords : removeKeywords)
                    .add(Keyword.of(name)));
        }
        return new FlagChange(Flags.of(add, addKeywords), Flags.of(remove, removeKeywords));
    }

    private static boolean value(String field, Boolean set) {
        if (set == null) {
            throw new MailException.InvalidInput(field, field + " must be true (set) or false (clear), not null");
        }
        return set;
    }
}

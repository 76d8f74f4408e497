package org.lemongate.mapping;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The flags and keywords of a message.
 *
 * @param system   system flags set on the message
 * @param keywords user keywords set on the message
 */
public record Flags(Set<SystemFlag> system, Set<Keyword> keywords) {

    /** No flags at all. */
    public static final Flags NONE = new Flags(Set.of(), Set.of());

    public Flags {
        Objects.requireNonNull(system, "system");
        system = system.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(system));
        keywords = Set.copyOf(Objects.requireNonNull(keywords, "keywords"));
    }

    /** Flags from system flags and keywords. */
    public static Flags of(Collection<SystemFlag> system, Collection<Keyword> keywords) {
        return new Flags(Set.copyOf(system), Set.copyOf(keywords));
    }

    /** Flags holding only the given system flags. */
    public static Flags of(SystemFlag... system) {
        return new Flags(Set.of(system), Set.of());
    }

    /** Whether the system flag is set. */
    public boolean has(SystemFlag flag) {
        return system.contains(flag);
    }

    /** Whether nothing is set. */
    public boolean isEmpty() {
        return system.isEmpty() && keywords.isEmpty();
    }
}

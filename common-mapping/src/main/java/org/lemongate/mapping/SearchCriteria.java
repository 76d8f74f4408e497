package org.lemongate.mapping;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Conditions a message must all meet (logical AND). Text conditions match case-insensitively as substrings, as
 * IMAP SEARCH does. Dates compare against the arrival time. Build with {@link #builder()}.
 *
 * @param text        anywhere in the headers or body
 * @param from        in the From header
 * @param to          in the To header
 * @param subject     in the Subject header
 * @param since       arrived at or after this instant (IMAP matches by day)
 * @param before      arrived before this instant (IMAP matches by day)
 * @param withFlags   flags and keywords the message must have
 * @param withoutFlags flags and keywords the message must not have
 * @param minSize     at least this many bytes
 * @param maxSize     at most this many bytes
 */
public record SearchCriteria(Optional<String> text, Optional<String> from, Optional<String> to,
                             Optional<String> subject, Optional<Instant> since, Optional<Instant> before,
                             Flags withFlags, Flags withoutFlags, OptionalLong minSize, OptionalLong maxSize) {

    /** Longest text condition accepted. */
    public static final int MAX_TEXT = 500;
    /** Matches every message. */
    public static final SearchCriteria ALL = builder().build();

    public SearchCriteria {
        text = check("text", text);
        from = check("from", from);
        to = check("to", to);
        subject = check("subject", subject);
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(withFlags, "withFlags");
        Objects.requireNonNull(withoutFlags, "withoutFlags");
        if (minSize.isPresent() && minSize.getAsLong() < 0) {
            throw new MailException.InvalidInput("minSize", "minimum size is negative");
        }
        if (maxSize.isPresent() && maxSize.getAsLong() < 0) {
            throw new MailException.InvalidInput("maxSize", "maximum size is negative");
        }
        if (minSize.isPresent() && maxSize.isPresent() && minSize.getAsLong() > maxSize.getAsLong()) {
            throw new MailException.InvalidInput("minSize", "minimum size is larger than maximum size");
        }
        if (since.isPresent() && before.isPresent() && !since.get().isBefore(before.get())) {
            throw new MailException.InvalidInput("since", "'since' is not before 'before'");
        }
        for (SystemFlag f : withFlags.system()) {
            if (withoutFlags.system().contains(f)) {
                throw new MailException.InvalidInput("flags", "flag " + f.imapName() + " is both required and excluded");
            }
        }
    }

    private static Optional<String> check(String field, Optional<String> value) {
        Objects.requireNonNull(value, field);
        value.ifPresent(v -> {
            Text.clean(field, v, MAX_TEXT);
            if (v.isBlank()) {
                throw new MailException.InvalidInput(field, field + " condition is blank");
            }
        });
        return value;
    }

    /** Whether this matches every message. */
    public boolean matchesAll() {
        return this.equals(ALL);
    }

    /** A fresh builder with no conditions. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects conditions; {@link #build()} validates them. */
    public static final class Builder {
        private String text;
        private String from;
        private String to;
        private String subject;
        private Instant since;
        private Instant before;
        private Flags withFlags = Flags.NONE;
        private Flags withoutFlags = Flags.NONE;
        private Long minSize;
        private Long maxSize;

        private Builder() {
        }

        public Builder text(String v) {
            text = v;
            return this;
        }

        public Builder from(String v) {
            from = v;
            return this;
        }

        public Builder to(String v) {
            to = v;
            return this;
        }

        public Builder subject(String v) {
            subject = v;
            return this;
        }

        public Builder since(Instant v) {
            since = v;
            return this;
        }

        public Builder before(Instant v) {
            before = v;
            return this;
        }

        public Builder withFlags(Flags v) {
            withFlags = v;
            return this;
        }

        public Builder withoutFlags(Flags v) {
            withoutFlags = v;
            return this;
        }

        public Builder minSize(long v) {
            minSize = v;
            return this;
        }

        public Builder maxSize(long v) {
            maxSize = v;
            return this;
        }

        public SearchCriteria build() {
            return new SearchCriteria(Optional.ofNullable(text), Optional.ofNullable(from), Optional.ofNullable(to),
                    Optional.ofNullable(subject), Optional.ofNullable(since), Optional.ofNullable(before),
                    withFlags, withoutFlags,
                    minSize == null ? OptionalLong.empty() : OptionalLong.of(minSize),
                    maxSize == null ? OptionalLong.empty() : OptionalLong.of(maxSize));
        }
    }
}

package org.lemongate.mapping;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome for one message of an operation on many: either a value (which may be absent, e.g. for a permanent
 * delete) or the error that message met. One message failing never fails the others.
 *
 * @param ref   the message the caller named
 * @param value the result for it, when it succeeded and has one
 * @param error the failure, when it failed
 * @param <T>   the result type
 */
public record ItemResult<T>(MessageRef ref, Optional<T> value, Optional<MailException> error) {

    public ItemResult {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(error, "error");
        if (value.isPresent() && error.isPresent()) {
            throw new IllegalArgumentException("an item result has a value or an error, not both");
        }
    }

    /** A success carrying {@code value}. */
    public static <T> ItemResult<T> ok(MessageRef ref, T value) {
        return new ItemResult<>(ref, Optional.of(value), Optional.empty());
    }

    /** A success without a value. */
    public static <T> ItemResult<T> done(MessageRef ref) {
        return new ItemResult<>(ref, Optional.empty(), Optional.empty());
    }

    /** A failure. */
    public static <T> ItemResult<T> failed(MessageRef ref, MailException error) {
        return new ItemResult<>(ref, Optional.empty(), Optional.of(error));
    }

    /** Whether this message succeeded. */
    public boolean ok() {
        return error.isEmpty();
    }
}

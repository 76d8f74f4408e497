package org.lemongate.rest;

import java.util.List;
import java.util.Optional;

import org.lemongate.mapping.ItemResult;

/** Unwraps the mapping layer's per-message results for requests that name a single message. */
final class Outcomes {

    private Outcomes() {
    }

    /**
     * The value of the only result, empty when the operation has none to give.
     *
     * @throws org.lemongate.mapping.MailException the error the message met
     */
    static <T> Optional<T> single(List<ItemResult<T>> results) {
        if (results.size() != 1) {
            throw new IllegalStateException("expected one result, got " + results.size());
        }
        ItemResult<T> result = results.get(0);
        if (result.error().isPresent()) {
            throw result.error().get();
        }
        return result.value();
    }
}

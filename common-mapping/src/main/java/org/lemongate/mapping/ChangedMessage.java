package org.lemongate.mapping;

import java.util.Objects;

/**
 * A known message whose flags or keywords changed.
 *
 * @param ref   the message
 * @param flags its flags and keywords now
 */
public record ChangedMessage(MessageRef ref, Flags flags) {

    public ChangedMessage {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(flags, "flags");
    }
}

package org.lemongate.mapping;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of a submission.
 *
 * @param messageId  the Message-ID of the sent message
 * @param recipients the envelope recipients the SMTP server accepted
 * @param sentCopy   the copy kept in the Sent mailbox, when one was stored
 */
public record SubmitResult(String messageId, List<String> recipients, Optional<MessageRef> sentCopy) {

    public SubmitResult {
        recipients = List.copyOf(recipients);
    }
}

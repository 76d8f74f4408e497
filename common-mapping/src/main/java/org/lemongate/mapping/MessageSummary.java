package org.lemongate.mapping;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a message list shows of one message; everything comes from one IMAP FETCH per page.
 *
 * @param ref            the message
 * @param subject        the decoded subject, empty when absent
 * @param from           decoded From addresses
 * @param to             decoded To addresses
 * @param cc             decoded Cc addresses
 * @param sentDate       the Date header, when present and parseable
 * @param receivedDate   the IMAP INTERNALDATE (arrival time); the list order uses it
 * @param size           RFC822.SIZE: exactly the bytes of the raw message
 * @param flags          flags and keywords
 * @param hasAttachments whether the MIME structure holds a part with a file name or an attachment disposition
 * @param messageId      the Message-ID header, empty when absent
 */
public record MessageSummary(MessageRef ref, String subject, List<Address> from, List<Address> to, List<Address> cc,
                             Optional<Instant> sentDate, Instant receivedDate, long size, Flags flags,
                             boolean hasAttachments, String messageId) {

    public MessageSummary {
        Objects.requireNonNull(ref, "ref");
        subject = subject == null ? "" : subject;
        from = List.copyOf(from);
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        Objects.requireNonNull(sentDate, "sentDate");
        Objects.requireNonNull(receivedDate, "receivedDate");
        Objects.requireNonNull(flags, "flags");
        messageId = messageId == null ? "" : messageId;
        if (size < 0) {
            throw new IllegalArgumentException("size < 0");
        }
    }
}

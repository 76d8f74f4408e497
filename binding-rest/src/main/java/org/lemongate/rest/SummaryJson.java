package org.lemongate.rest;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.lemongate.mapping.Address;
import org.lemongate.mapping.Flags;
import org.lemongate.mapping.Keyword;
import org.lemongate.mapping.MessageSummary;

/**
 * A message as a list shows it.
 *
 * @param id             the message's id in this API (mailbox, UIDVALIDITY and UID)
 * @param mailbox        the mailbox's full name
 * @param uid            the IMAP UID
 * @param subject        the decoded subject, empty when absent
 * @param from           From addresses
 * @param to             To addresses
 * @param cc             Cc addresses
 * @param sentAt         the Date header (ISO 8601), null when absent or unreadable
 * @param receivedAt     the arrival time (ISO 8601); lists are ordered by it
 * @param size           the raw message's size in bytes
 * @param flags          system flags set, lower case without the backslash ({@code seen}, {@code flagged}, ...)
 * @param keywords       user keywords set
 * @param hasAttachments whether the message has parts a mail client would list as attachments
 * @param messageId      the Message-ID header, empty when absent
 * @param links          {@code self} and {@code raw}
 */
record SummaryJson(String id, String mailbox, long uid, String subject, List<Address> from, List<Address> to,
                   List<Address> cc, String sentAt, String receivedAt, long size, List<String> flags,
                   List<String> keywords, boolean hasAttachments, String messageId, Map<String, String> links) {

    static SummaryJson of(MessageSummary s, ApiLinks links) {
        return new SummaryJson(MessageIds.format(s.ref()), s.ref().mailbox().path(), s.ref().uid(), s.subject(),
                s.from(), s.to(), s.cc(), s.sentDate().map(Object::toString).orElse(null),
                s.receivedDate().toString(), s.size(), flagNames(s.flags()), keywordNames(s.flags()),
                s.hasAttachments(), s.messageId(),
                Map.of("self", links.message(s.ref()), "raw", links.raw(s.ref())));
    }

    static List<String> flagNames(Flags flags) {
        return flags.system().stream().sorted().map(f -> f.name().toLowerCase(Locale.ROOT)).toList();
    }

    static List<String> keywordNames(Flags flags) {
        return flags.keywords().stream().map(Keyword::name).sorted().toList();
    }
}

package org.lemongate.rest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.lemongate.mapping.Address;
import org.lemongate.mapping.Flags;
import org.lemongate.mapping.Keyword;
import org.lemongate.mapping.MessageSummary;
import org.lemongate.mapping.SystemFlag;

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

    /** The names of the system flags as the API spells them, by ordinal. */
    private static final List<String> FLAG_NAMES = Arrays.stream(SystemFlag.values())
            .map(f -> f.name().toLowerCase(Locale.ROOT)).toList();

    static SummaryJson of(MessageSummary s, ApiLinks links) {
        // A list shows many summaries: the id is encoded once and both links are built from it.
        String id = MessageIds.format(s.ref());
        String self = links.message(id);
        return new SummaryJson(id, s.ref().mailbox().path(), s.ref().uid(), s.subject(),
                s.from(), s.to(), s.cc(), s.sentDate().map(Object::toString).orElse(null),
                s.receivedDate().toString(), s.size(), flagNames(s.flags()), keywordNames(s.flags()),
                s.hasAttachments(), s.messageId(),
                Map.of("self", self, "raw", ApiLinks.raw(self)));
    }

    /** The system flags set, in declaration order (seen, answered, flagged, deleted, draft), lower case. */
    static List<String> flagNames(Flags flags) {
        if (flags.system().isEmpty()) {
            return List.of();
        }
        List<String> names = new ArrayList<>(flags.system().size());
        for (SystemFlag f : SystemFlag.values()) {
            if (flags.system().contains(f)) {
                names.add(FLAG_NAMES.get(f.ordinal()));
            }
        }
        return List.copyOf(names);
    }

    static List<String> keywordNames(Flags flags) {
        return flags.keywords().stream().map(Keyword::name).sorted().toList();
    }
}

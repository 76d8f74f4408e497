package org.lemongate.rest;

import java.util.List;
import java.util.Map;

import org.lemongate.mapping.Changes;
import org.lemongate.mapping.MailboxName;

/**
 * One page of a mailbox's changes, as change queries answer and event streams send it.
 *
 * @param mailbox  the mailbox's full name
 * @param added    new messages, as lists show them, oldest first
 * @param changed  known messages whose flags or keywords changed, with their flags now
 * @param vanished ids of known messages that were expunged
 * @param more     whether another page is ready: ask again with {@code next} at once
 * @param next     the sync token to ask with next (and the event id on streams)
 * @param links    {@code next}: the change query for the following page
 */
record ChangesJson(String mailbox, List<SummaryJson> added, List<ChangedJson> changed, List<String> vanished,
                   boolean more, String next, Map<String, String> links) {

    /**
     * A message whose flags changed.
     *
     * @param id       the message's id
     * @param flags    system flags now set
     * @param keywords keywords now set
     */
    record ChangedJson(String id, List<String> flags, List<String> keywords) {
    }

    static ChangesJson of(MailboxName mailbox, Changes c, ApiLinks links) {
        String next = c.next().token();
        return new ChangesJson(mailbox.path(), c.added().stream().map(s -> SummaryJson.of(s, links)).toList(),
                c.changed().stream().map(m -> new ChangedJson(MessageIds.format(m.ref()),
                        SummaryJson.flagNames(m.flags()), SummaryJson.keywordNames(m.flags()))).toList(),
                c.vanished().stream().map(MessageIds::format).toList(), c.more(), next,
                Map.of("next", links.changes(mailbox, next)));
    }
}

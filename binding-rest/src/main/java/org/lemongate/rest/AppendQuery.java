package org.lemongate.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.lemongate.mapping.Flags;
import org.lemongate.mapping.Keyword;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.SystemFlag;

/**
 * The query string of an append, {@code POST /api/v1/messages?mailbox=...&flags=seen&keywords=$Todo&receivedAt=...}.
 *
 * @param mailbox    where to store the message
 * @param flags      flags and keywords to store it with
 * @param receivedAt the arrival time to record; now when empty
 */
record AppendQuery(MailboxName mailbox, Flags flags, Optional<Instant> receivedAt) {

    static final Set<String> PARAMETERS = Set.of("mailbox", "flags", "keywords", "receivedAt");

    /** @throws MailException.InvalidInput naming the parameter at fault */
    static AppendQuery parse(Map<String, List<String>> query) {
        QueryParams p = QueryParams.of(query, PARAMETERS, "an append");
        MailboxName mailbox = MailboxName.of(p.get("mailbox").orElseThrow(() -> new MailException.InvalidInput(
                "mailbox", "name the mailbox to store the message in, e.g. ?mailbox=INBOX")));
        Set<SystemFlag> system = EnumSet.noneOf(SystemFlag.class);
        for (String name : p.list("flags")) {
            system.add(SystemFlag.parse(name).orElseThrow(() -> new MailException.InvalidInput("flags",
                    "'" + name + "' is not a system flag; use seen, answered, flagged, deleted or draft")));
        }
        Set<Keyword> keywords = new HashSet<>();
        p.list("keywords").forEach(k -> keywords.add(Keyword.of(k)));
        Optional<Instant> receivedAt = p.get("receivedAt").map(v -> {
            try {
                return Instant.parse(v);
            } catch (DateTimeParseException e) {
                throw new MailException.InvalidInput("receivedAt",
                        "receivedAt must be an instant such as 2026-01-31T08:00:00Z, was '" + v + "'");
            }
        });
        return new AppendQuery(mailbox, Flags.of(system, keywords), receivedAt);
    }
}

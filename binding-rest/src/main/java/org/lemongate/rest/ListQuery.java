package org.lemongate.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.lemongate.mapping.Cursor;
import org.lemongate.mapping.Flags;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.PageRequest;
import org.lemongate.mapping.SearchCriteria;
import org.lemongate.mapping.SortOrder;
import org.lemongate.mapping.SystemFlag;

/**
 * The query string of a message list, {@code GET /api/v1/messages?mailbox=...}: which mailbox, which messages
 * (filters), in which order, which page. Unknown or repeated parameters are refused rather than ignored, so a typo
 * never silently widens a listing.
 *
 * @param mailbox  the mailbox to list
 * @param criteria the filters
 * @param page     the page size, order and cursor
 */
record ListQuery(MailboxName mailbox, SearchCriteria criteria, PageRequest page) {

    static final Set<String> PARAMETERS = Set.of("mailbox", "limit", "cursor", "order", "unseen", "flagged",
            "since", "before", "from", "to", "subject", "text", "minSize", "maxSize");

    /**
     * Reads the decoded query parameters.
     *
     * @param maxPageSize the largest {@code limit} this gateway serves
     * @throws MailException.InvalidInput naming the parameter at fault
     */
    static ListQuery parse(Map<String, List<String>> query, int maxPageSize) {
        QueryParams p = QueryParams.of(query, PARAMETERS, "a message list");
        MailboxName mailbox = MailboxName.of(p.get("mailbox").orElseThrow(() -> new MailException.InvalidInput(
                "mailbox", "name the mailbox to list, e.g. ?mailbox=INBOX")));

        SearchCriteria.Builder criteria = SearchCriteria.builder();
        p.get("text").ifPresent(criteria::text);
        p.get("from").ifPresent(criteria::from);
        p.get("to").ifPresent(criteria::to);
        p.get("subject").ifPresent(criteria::subject);
        p.get("since").map(v -> instant("since", v)).ifPresent(criteria::since);
        p.get("before").map(v -> instant("before", v)).ifPresent(criteria::before);
        p.get("minSize").map(v -> number("minSize", v, Long.MAX_VALUE)).ifPresent(criteria::minSize);
        p.get("maxSize").map(v -> number("maxSize", v, Long.MAX_VALUE)).ifPresent(criteria::maxSize);
        Optional<Boolean> unseen = p.get("unseen").map(v -> Switch.parse("unseen", v, false));
        Optional<Boolean> flagged = p.get("flagged").map(v -> Switch.parse("flagged", v, false));
        Set<SystemFlag> with = new TreeSet<>();
        Set<SystemFlag> without = new TreeSet<>();
        unseen.ifPresent(u -> (u ? without : with).add(SystemFlag.SEEN));
        flagged.ifPresent(f -> (f ? with : without).add(SystemFlag.FLAGGED));
        criteria.withFlags(Flags.of(with, Set.of())).withoutFlags(Flags.of(without, Set.of()));

        int limit = p.get("limit").map(v -> (int) number("limit", v, maxPageSize))
                .orElse(Math.min(PageRequest.DEFAULT_SIZE, maxPageSize));
        if (limit < 1) {
            throw new MailException.InvalidInput("limit", "limit must be between 1 and " + maxPageSize);
        }
        Optional<Cursor> cursor = p.get("cursor").map(Cursor::parse);
        SortOrder order = p.get("order").map(ListQuery::order)
                .orElse(cursor.map(Cursor::order).orElse(SortOrder.NEWEST_FIRST));
        return new ListQuery(mailbox, criteria.build(), new PageRequest(limit, order, cursor));
    }

    /** The order as the {@code order} parameter spells it. */
    static String orderName(SortOrder order) {
        return order == SortOrder.NEWEST_FIRST ? "newest" : "oldest";
    }

    private static SortOrder order(String value) {
        return switch (value) {
            case "newest" -> SortOrder.NEWEST_FIRST;
            case "oldest" -> SortOrder.OLDEST_FIRST;
            default -> throw new MailException.InvalidInput("order",
                    "order must be 'newest' or 'oldest', was '" + value + "'");
        };
    }

    private static long number(String name, String value, long max) {
        if (value.isEmpty() || value.length() > 19 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new MailException.InvalidInput(name, name + " must be a whole number, was '" + value + "'");
        }
        long n = Long.parseLong(value);
        if (n > max) {
            throw new MailException.InvalidInput(name, name + " must be at most " + max + ", was " + value);
        }
        return n;
    }

    private static Instant instant(String name, String value) {
        try {
            return value.length() == 10
                    ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new MailException.InvalidInput(name, name + " must be a date (2026-01-31) or an instant "
                    + "(2026-01-31T08:00:00Z), was '" + value + "'");
        }
    }
}

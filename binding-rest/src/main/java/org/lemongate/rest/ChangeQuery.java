package org.lemongate.rest;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.lemongate.mapping.Changes;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.SyncToken;

/**
 * The parameters of a change query or an event stream: {@code mailbox} (required), {@code since} (a sync token),
 * {@code limit} (changes per page), and {@code wait} or {@code heartbeat} in seconds within the server's bounds.
 *
 * @param mailbox   the mailbox
 * @param since     the token to start from; empty for "from now"
 * @param limit     added plus changed messages per page
 * @param hold      how long a change query may be held (zero for streams)
 * @param heartbeat how often a stream sends a comment (unused by change queries)
 */
record ChangeQuery(MailboxName mailbox, Optional<SyncToken> since, int limit, Duration hold, Duration heartbeat) {

    /** Changes per page when the client does not say. */
    static final int DEFAULT_LIMIT = 100;

    /** A change query's parameters ({@code mailbox, since, wait, limit}). */
    static ChangeQuery forQuery(Map<String, List<String>> query, PushSettings settings) {
        QueryParams q = QueryParams.of(query, Set.of("mailbox", "since", "wait", "limit"), "a change query");
        return new ChangeQuery(mailbox(q), since(q.get("since")), limit(q), settings.hold(q.get("wait")),
                settings.defaultHeartbeat());
    }

    /**
     * An event stream's parameters ({@code mailbox, since, heartbeat, limit, access_token}); {@code lastEventId}, the
     * header a reconnecting EventSource sends, wins over {@code since}.
     */
    static ChangeQuery forStream(Map<String, List<String>> query, Optional<String> lastEventId,
                                 PushSettings settings) {
        QueryParams q = QueryParams.of(query, Set.of("mailbox", "since", "heartbeat", "limit", "access_token"),
                "an event stream");
        Optional<String> since = lastEventId.filter(s -> !s.isEmpty()).or(() -> q.get("since"));
        return new ChangeQuery(mailbox(q), since(since), limit(q), Duration.ZERO,
                settings.heartbeat(q.get("heartbeat")));
    }

    private static MailboxName mailbox(QueryParams q) {
        return MailboxName.of(q.get("mailbox").orElseThrow(() -> new MailException.InvalidInput("mailbox",
                "name the mailbox to follow, e.g. ?mailbox=INBOX")));
    }

    private static Optional<SyncToken> since(Optional<String> token) {
        return token.map(SyncToken::parse);
    }

    private static int limit(QueryParams q) {
        Optional<String> raw = q.get("limit");
        if (raw.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        String v = raw.get();
        if (v.isEmpty() || v.length() > 4 || !v.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(v) < 1 || Integer.parseInt(v) > Changes.MAX_PAGE) {
            throw new MailException.InvalidInput("limit", "limit must be a number from 1 to " + Changes.MAX_PAGE
                    + ", was '" + v.replaceAll("\\p{Cntrl}", "?") + "'");
        }
        return Integer.parseInt(v);
    }

    /** The token to start from: the given one (checked against the mailbox), else none. */
    Optional<SyncToken> start() {
        since.ifPresent(t -> t.requireMailbox(mailbox));
        return since;
    }
}

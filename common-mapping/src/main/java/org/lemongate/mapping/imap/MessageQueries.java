package org.lemongate.mapping.imap;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.INTERNALDATE;
import org.eclipse.angus.mail.imap.protocol.UIDSet;
import org.lemongate.mapping.Cursor;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.MessageStructure;
import org.lemongate.mapping.MessageSummary;
import org.lemongate.mapping.Page;
import org.lemongate.mapping.PageRequest;
import org.lemongate.mapping.SearchCriteria;
import org.lemongate.mapping.SortOrder;

/**
 * Message lists and single-message reads. A page costs one UID SORT (or UID SEARCH plus an INTERNALDATE fetch on
 * servers without SORT) and one UID FETCH of exactly the page's messages.
 */
final class MessageQueries {

    /** Stops number parsing well before a long overflows; IMAP numbers are 32-bit. */
    private static final long MAX_NUMBER = Long.MAX_VALUE / 100;

    private final Imap imap;
    /**
     * The fingerprint last computed: paging asks for the same one page after page, and the text it hashes (a
     * record's toString) costs more to build than comparing the records.
     */
    private volatile Fingerprint lastFingerprint;

    /** A cursor fingerprint with what it was computed from. */
    private record Fingerprint(MailboxName mailbox, SearchCriteria criteria, int value) {
    }

    MessageQueries(Imap imap) {
        this.imap = imap;
    }

    /** A message's position in a listing: arrival time, then UID. */
    private record Key(long uid, Instant received) {
    }

    Page<MessageSummary> list(MailboxName mailbox, SearchCriteria criteria, PageRequest page) {
        int fingerprint = fingerprint(mailbox, criteria);
        page.cursor().ifPresent(c -> {
            if (c.fingerprint() != fingerprint) {
                throw new MailException.InvalidInput("cursor",
                        "the page cursor belongs to another mailbox or search; start again from the first page");
            }
        });
        return imap.read("list messages of mailbox '" + mailbox + "'", c -> {
            ImapConnection.Selected sel = c.select(mailbox);
            Optional<Cursor> cursor = page.cursor();
            if (cursor.isPresent() && cursor.get().uidValidity() != sel.uidValidity()) {
                throw new MailException.StaleState("mailbox '" + mailbox + "' was recreated since this listing "
                        + "began (UIDVALIDITY changed); start again from the first page");
            }
            List<Long> order = orderedUids(c, criteria, page.order());
            int start = cursor.isEmpty() ? 0 : startAfter(c, order, cursor.get());
            int end = Math.min(order.size(), start + page.size());
            List<Long> uids = order.subList(start, end);
            List<MessageSummary> items = fetchSummaries(c, mailbox, sel.uidValidity(), uids);
            Optional<Cursor> next = Optional.empty();
            if (end < order.size() && !items.isEmpty()) {
                MessageSummary last = items.get(items.size() - 1);
                next = Optional.of(new Cursor(sel.uidValidity(), page.order(), last.receivedDate(),
                        last.ref().uid(), fingerprint));
            }
            return new Page<>(items, next, order.size());
        });
    }

    private int fingerprint(MailboxName mailbox, SearchCriteria criteria) {
        Fingerprint last = lastFingerprint;
        if (last != null && last.mailbox().equals(mailbox) && last.criteria().equals(criteria)) {
            return last.value();
        }
        int value = (mailbox.path() + "\n" + criteria).hashCode();
        lastFingerprint = new Fingerprint(mailbox, criteria, value);
        return value;
    }

    /** Every matching UID in listing order. */
    private static List<Long> orderedUids(ImapConnection c, SearchCriteria criteria, SortOrder order)
            throws ProtocolException {
        List<Long> uids = new ArrayList<>();
        if (c.has("SORT")) {
            Argument args = new Argument();
            args.writeAtom("(ARRIVAL)");
            args.writeAtom("UTF-8");
            args.append(SearchQuery.keys(criteria));
            for (Response r : c.command("UID SORT", args)) {
                if (r instanceof IMAPResponse ir && ir.keyEquals("SORT")) {
                    readNumbers(ir, uids);
                }
            }
            // ARRIVAL ties fall back to mailbox order (= UID order): reversing gives newest, highest UID first.
            if (order == SortOrder.NEWEST_FIRST) {
                java.util.Collections.reverse(uids);
            }
            return uids;
        }
        Argument args = new Argument();
        if (SearchQuery.needsUtf8(criteria)) {
            args.writeAtom("CHARSET").writeAtom("UTF-8");
        }
        args.append(SearchQuery.keys(criteria));
        for (Response r : c.command("UID SEARCH", args)) {
            if (r instanceof IMAPResponse ir && ir.keyEquals("SEARCH")) {
                readNumbers(ir, uids);
            }
        }
        List<Key> keys = new ArrayList<>(arrivals(c, uids).values());
        Comparator<Key> cmp = Comparator.comparing(Key::received).thenComparingLong(Key::uid);
        keys.sort(order == SortOrder.NEWEST_FIRST ? cmp.reversed() : cmp);
        return keys.stream().map(Key::uid).toList();
    }

    /**
     * The numbers of a SORT or SEARCH answer, up to the first thing that is not one. One pass over the rest of the
     * line: Response.readLong per number costs more than the rest of a large mailbox's listing.
     */
    static void readNumbers(IMAPResponse r, List<Long> into) {
        String rest = r.getRest();
        long n = -1;
        for (int i = 0; i <= rest.length(); i++) {
            char ch = i < rest.length() ? rest.charAt(i) : ' ';
            if (ch >= '0' && ch <= '9') {
                if (n >= MAX_NUMBER) {
                    return; // no IMAP number is this long: the answer is garbled from here on
                }
                n = (n < 0 ? 0 : n * 10) + (ch - '0');
                continue;
            }
            if (n >= 0) {
                into.add(n);
                n = -1;
            }
            if (ch != ' ') {
                return;
            }
        }
    }

    /** Arrival times of the given UIDs, in one FETCH. */
    private static Map<Long, Key> arrivals(ImapConnection c, List<Long> uids) throws ProtocolException {
        Map<Long, Key> out = new HashMap<>();
        if (uids.isEmpty()) {
            return out;
        }
        String set = UIDSet.toString(UIDSet.createUIDSets(uids.stream().mapToLong(Long::longValue).sorted().toArray()));
        for (Response r : c.command("UID FETCH " + set + " (UID INTERNALDATE)", null)) {
            if (r instanceof FetchResponse f) {
                INTERNALDATE d = f.getItem(INTERNALDATE.class);
                long uid = SummaryReader.uid(f);
                if (uid > 0 && d != null && d.getDate() != null) {
                    out.put(uid, new Key(uid, d.getDate().toInstant()));
                }
            }
        }
        return out;
    }

    /**
     * Where the page after the cursor starts. Normally right after the cursor's message; when that message has
     * vanished, after the last position whose key precedes the cursor's key, so nothing is skipped or repeated.
     */
    private static int startAfter(ImapConnection c, List<Long> order, Cursor cursor) throws ProtocolException {
        int at = order.indexOf(cursor.lastUid());
        if (at >= 0) {
            return at + 1;
        }
        Map<Long, Key> keys = arrivals(c, order);
        Key mark = new Key(cursor.lastUid(), cursor.lastReceived());
        Comparator<Key> cmp = Comparator.comparing(Key::received).thenComparingLong(Key::uid);
        if (cursor.order() == SortOrder.NEWEST_FIRST) {
            cmp = cmp.reversed();
        }
        for (int i = 0; i < order.size(); i++) {
            Key k = keys.get(order.get(i));
            if (k != null && cmp.compare(k, mark) > 0) {
                return i;
            }
        }
        return order.size();
    }

    /** Summaries of the given UIDs in their order, leaving out those expunged meanwhile; one UID FETCH. */
    static List<MessageSummary> fetchSummaries(ImapConnection c, MailboxName mailbox, long uidValidity,
                                                       List<Long> uids) throws ProtocolException {
        if (uids.isEmpty()) {
            return List.of();
        }
        long[] sorted = new long[uids.size()];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = uids.get(i);
        }
        Arrays.sort(sorted);
        // Indexed like sorted; answers for UIDs the page did not ask for (unsolicited updates) are passed over.
        MessageSummary[] fetched = new MessageSummary[sorted.length];
        String set = UIDSet.toString(UIDSet.createUIDSets(sorted));
        for (Response r : c.command("UID FETCH " + set + " " + SummaryReader.ITEMS, null)) {
            if (r instanceof FetchResponse f) {
                int at = Arrays.binarySearch(sorted, SummaryReader.uid(f));
                if (at >= 0) {
                    fetched[at] = SummaryReader.summary(f, mailbox, uidValidity);
                }
            }
        }
        List<MessageSummary> out = new ArrayList<>(uids.size());
        for (long uid : uids) {
            MessageSummary s = fetched[Arrays.binarySearch(sorted, uid)];
            if (s != null) {
                out.add(s); // absent: expunged between SORT and FETCH
            }
        }
        return out;
    }

    MessageSummary summary(MessageRef ref) {
        return fetchOne(ref, SummaryReader::summary);
    }

    MessageStructure structure(MessageRef ref) {
        SummaryReader.Read read = fetchOne(ref, SummaryReader::read);
        return new MessageStructure(read.summary(), read.structure());
    }

    /** How a FETCH response of {@link SummaryReader#ITEMS} becomes a result. */
    @FunctionalInterface
    private interface Reading<T> {
        T read(FetchResponse f, MailboxName mailbox, long uidValidity);
    }

    private <T> T fetchOne(MessageRef ref, Reading<T> reading) {
        return imap.read("read message " + ref.localId() + " in mailbox '" + ref.mailbox() + "'", c -> {
            c.selectFor(ref);
            for (Response r : c.command("UID FETCH " + ref.uid() + " " + SummaryReader.ITEMS, null)) {
                if (r instanceof FetchResponse f && SummaryReader.uid(f) == ref.uid()) {
                    return reading.read(f, ref.mailbox(), ref.uidValidity());
                }
            }
            throw notFound(ref);
        });
    }

    static MailException.NotFound notFound(MessageRef ref) {
        return new MailException.NotFound("message " + ref.localId() + " does not exist in mailbox '"
                + ref.mailbox() + "'");
    }
}

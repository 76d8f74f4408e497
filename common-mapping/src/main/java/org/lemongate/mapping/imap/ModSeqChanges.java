package org.lemongate.mapping.imap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.protocol.FLAGS;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.MODSEQ;
import org.lemongate.mapping.ChangedMessage;
import org.lemongate.mapping.Changes;
import org.lemongate.mapping.Flags;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.MessageSummary;
import org.lemongate.mapping.SyncToken;

/**
 * Changes by mod-sequence (RFC 7162): flag changes of known messages by {@code UID FETCH 1:n (FLAGS) (CHANGEDSINCE m
 * VANISHED)}, ordered by (mod-sequence, UID) so that a page can end anywhere and the next token names exactly where;
 * new messages by UID from the token's UIDNEXT; vanished ones from VANISHED (EARLIER), always in full (ADR 0060).
 */
final class ModSeqChanges {

    /** Vanished UIDs one answer may hold: a bound on what a hostile or broken server can make the gateway expand. */
    private static final int MAX_VANISHED = 1_000_000;

    private ModSeqChanges() {
    }

    /** A known message's change: its position in mod-sequence order and its flags now. */
    private record Change(long uid, long modSeq, Flags flags) {
    }

    /** Attempts at an answer no expunge raced with, before one that may repeat a vanished message is accepted. */
    private static final int ATTEMPTS = 3;

    /**
     * The changes since {@code token}. An expunge that lands between the SELECT and the FETCH is reported in this
     * answer, but its mod-sequence lies above the SELECT's HIGHESTMODSEQ that the next token carries, so the next
     * answer would report it again; such a race shows as a live VANISHED (one without EARLIER) and the answer is
     * computed again on a fresh SELECT.
     */
    static Changes since(ImapConnection c, SyncToken token, int max) throws ProtocolException {
        for (int attempt = 1; ; attempt++) {
            Set<Long> live = new TreeSet<>();
            Changes answer = attempt(c, token, max, live);
            if (live.isEmpty() || attempt == ATTEMPTS) {
                return answer;
            }
        }
    }

    private static Changes attempt(ImapConnection c, SyncToken token, int max, Set<Long> live)
            throws ProtocolException {
        ImapConnection.Selected s = c.selectTracked(token.mailbox());
        if (s.uidValidity() != token.uidValidity()) {
            throw ChangeFeed.recreated(token.mailbox());
        }
        if (s.highestModSeq() == 0 || s.highestModSeq() < token.modSeq()) {
            throw new MailException.ResyncRequired(MailException.ResyncRequired.Reason.TOKEN_TOO_OLD,
                    "the IMAP server no longer has the state the sync token names (its mod-sequence went back); "
                            + "fetch a new token and list mailbox '" + token.mailbox() + "' again");
        }
        long highest = s.highestModSeq();
        Map<Long, Change> latest = new HashMap<>();
        Set<Long> vanished = new TreeSet<>();
        if (token.uidNext() > 1) {
            String known = "1:" + (token.uidNext() - 1);
            long since = token.modSeqUid() > 0 ? token.modSeq() - 1 : token.modSeq();
            boolean together = since == token.vanishedModSeq();
            highest = Math.max(highest, fetch(c, known, since, together, latest, vanished, live));
            if (!together) {
                // The token's vanished mod-sequence is at or above the changes' one, so whatever this answer holds
                // changed since the token too; a change made between the two FETCHes is reported now, because the
                // next token carries the highest mod-sequence of both.
                highest = Math.max(highest, fetch(c, known, token.vanishedModSeq(), true, latest, vanished, live));
            }
            if (!vanished.isEmpty()) {
                // A server may hold back the live VANISHED of an expunge made during the FETCH until the next command.
                for (Response r : c.command("NOOP", null)) {
                    if (r instanceof IMAPResponse ir && ir.isUnTagged() && ir.keyEquals("VANISHED")) {
                        readVanished(ir, new TreeSet<>(), live);
                    }
                }
                live.retainAll(vanished);
            }
        }
        // CHANGEDSINCE only answers mod-sequences above the one asked for, but a server may add an unsolicited FETCH
        // it still owed this session (Dovecot delivers IDLE notifications 500 ms late). A complete token (no UID
        // cursor) has reported everything up to and including its mod-sequence, so that FETCH is no change.
        List<Change> changes = new ArrayList<>(latest.values());
        changes.removeIf(ch -> ch.modSeq() < token.modSeq() || ch.modSeq() == token.modSeq()
                && (token.modSeqUid() == 0 || ch.uid() <= token.modSeqUid()) || vanished.contains(ch.uid()));
        changes.sort(Comparator.comparingLong(Change::modSeq).thenComparingLong(Change::uid));
        List<Long> fresh = ChangeFeed.uidsFrom(c, token.uidNext());
        // Messages appended after the SELECT carry mod-sequences above its HIGHESTMODSEQ, which the next token
        // holds: reported now, they would come back as changed next time. They are reported next time instead.
        fresh.removeIf(uid -> uid >= s.uidNext());

        ChangeFeed.Cut cut = ChangeFeed.Cut.of(changes.size(), fresh.size(), max);
        List<Change> pageChanges = changes.subList(0, cut.changes());
        List<Long> pageFresh = fresh.subList(0, cut.fresh());
        boolean more = cut.more();
        List<MessageSummary> added = MessageQueries.fetchSummaries(c, token.mailbox(), s.uidValidity(), pageFresh);

        SyncToken next;
        if (cut.inChanges()) {
            Change last = pageChanges.get(pageChanges.size() - 1);
            next = new SyncToken(token.mailbox(), s.uidValidity(), token.uidNext(), last.modSeq(), last.uid(),
                    highest, java.util.Optional.empty());
        } else {
            long uidNext = pageFresh.isEmpty() ? token.uidNext()
                    : Math.max(token.uidNext(), pageFresh.get(pageFresh.size() - 1) + 1);
            if (!more) {
                uidNext = Math.max(uidNext, s.uidNext());
            }
            next = SyncToken.ofModSeq(token.mailbox(), s.uidValidity(), uidNext, highest);
        }
        List<ChangedMessage> changed = pageChanges.stream()
                .map(ch -> new ChangedMessage(MessageRef.of(token.mailbox(), s.uidValidity(), ch.uid()), ch.flags()))
                .toList();
        List<MessageRef> gone = vanished.stream().map(uid -> MessageRef.of(token.mailbox(), s.uidValidity(), uid))
                .toList();
        return new Changes(added, changed, gone, more, next);
    }

    /**
     * One {@code UID FETCH known (UID FLAGS) (CHANGEDSINCE since [VANISHED])}; returns the highest mod-sequence seen.
     * A message appears in {@code into} once, with its latest state: a server may add unsolicited FETCHes for the
     * same message (an earlier change it still owed this session) to the ones the command asked for.
     */
    private static long fetch(ImapConnection c, String known, long since, boolean withVanished,
                              Map<Long, Change> into, Set<Long> vanished, Set<Long> live) throws ProtocolException {
        Argument args = new Argument();
        args.writeAtom(known);
        args.writeAtom("(UID FLAGS)");
        args.writeAtom("(CHANGEDSINCE " + since + (withVanished ? " VANISHED)" : ")"));
        long highest = 0;
        for (Response r : c.command("UID FETCH", args)) {
            if (r instanceof FetchResponse f && SummaryReader.uid(f) > 0) {
                MODSEQ m = f.getItem(MODSEQ.class);
                long modSeq = m == null ? since + 1 : m.modseq;
                highest = Math.max(highest, modSeq);
                Change change = new Change(SummaryReader.uid(f), modSeq, SummaryReader.flags(f.getItem(FLAGS.class)));
                into.merge(change.uid(), change, (a, b) -> b.modSeq() >= a.modSeq() ? b : a);
            } else if (withVanished && r instanceof IMAPResponse ir && ir.isUnTagged() && ir.keyEquals("VANISHED")) {
                readVanished(ir, vanished, live);
            }
        }
        return highest;
    }

    /** Adds a VANISHED answer's UIDs to {@code into}, and to {@code live} too when it reports a new expunge. */
    private static void readVanished(IMAPResponse r, Set<Long> into, Set<Long> live) {
        String rest = r.getRest() == null ? "" : r.getRest().trim();
        boolean earlier = rest.toUpperCase(java.util.Locale.ROOT).startsWith("(EARLIER)");
        if (earlier) {
            rest = rest.substring("(EARLIER)".length()).trim();
        }
        try {
            long[] uids = UidSets.parse(rest, MAX_VANISHED);
            if (uids == null) {
                throw new MailException.ResyncRequired(MailException.ResyncRequired.Reason.TOKEN_TOO_OLD,
                        "more than " + MAX_VANISHED + " messages vanished since the sync token was issued; "
                                + "fetch a new token and list the mailbox again");
            }
            for (long uid : uids) {
                into.add(uid);
                if (!earlier) {
                    live.add(uid);
                }
            }
        } catch (NumberFormatException e) {
            throw new MailException.BackendError("the IMAP server sent a VANISHED answer the gateway cannot read", e);
        }
    }
}

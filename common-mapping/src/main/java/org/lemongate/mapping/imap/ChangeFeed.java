package org.lemongate.mapping.imap;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.protocol.FLAGS;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.lemongate.mapping.Changes;
import org.lemongate.mapping.Flags;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageStates;
import org.lemongate.mapping.SyncToken;

/**
 * Sync tokens and "changes since" for one user: by mod-sequence on servers with QRESYNC ({@link ModSeqChanges}),
 * by the message states carried in the token elsewhere ({@link StateChanges}). Each call selects the mailbox afresh so
 * that UIDNEXT and HIGHESTMODSEQ are current.
 */
final class ChangeFeed {

    private final Imap imap;

    ChangeFeed(Imap imap) {
        this.imap = imap;
    }

    SyncToken token(MailboxName mailbox) {
        return imap.read("read the sync state of mailbox '" + mailbox + "'", c -> tokenOn(c, mailbox));
    }

    /** The mailbox's current sync token, read on this connection (a fresh SELECT). */
    static SyncToken tokenOn(ImapConnection c, MailboxName mailbox) throws ProtocolException {
        return tokenOn(c, mailbox, () -> { });
    }

    /**
     * {@link #tokenOn(ImapConnection, MailboxName)}, telling {@code onNews} when, on a server without QRESYNC, the
     * server reported another session's change while the flags were read: the token may then leave it out.
     */
    static SyncToken tokenOn(ImapConnection c, MailboxName mailbox, Runnable onNews) throws ProtocolException {
        if (c.canTrackModSeq()) {
            ImapConnection.Selected s = c.selectTracked(mailbox);
            if (s.highestModSeq() > 0) {
                return SyncToken.ofModSeq(mailbox, s.uidValidity(), s.uidNext(), s.highestModSeq());
            }
        }
        ImapConnection.Selected s = c.selectFresh(mailbox);
        SortedMap<Long, Flags> flags = flags(c, "1:*", onNews);
        long uidNext = Math.max(s.uidNext(), flags.isEmpty() ? 1 : flags.lastKey() + 1);
        return SyncToken.ofStates(mailbox, s.uidValidity(), uidNext, MessageStates.of(flags));
    }

    Changes since(MailboxName mailbox, SyncToken token, int maxChanges) {
        token.requireMailbox(mailbox);
        Changes.requirePageSize(maxChanges);
        return imap.read("read the changes of mailbox '" + mailbox + "'", c -> sinceOn(c, mailbox, token, maxChanges));
    }

    /** The changes since a token, read on this connection; the arguments are checked by the caller. */
    static Changes sinceOn(ImapConnection c, MailboxName mailbox, SyncToken token, int maxChanges)
            throws ProtocolException {
        if (token.usesModSeq()) {
            if (!c.canTrackModSeq()) {
                throw new MailException.ResyncRequired(MailException.ResyncRequired.Reason.NOT_COMPUTABLE,
                        "the sync token was issued for a server with QRESYNC, which this IMAP server does not "
                                + "offer; fetch a new token and list mailbox '" + mailbox + "' again");
            }
            return ModSeqChanges.since(c, token, maxChanges);
        }
        return StateChanges.since(c, token, maxChanges);
    }

    /**
     * Where a page ends: changes of known messages come first, then new messages, together at most {@code max}.
     *
     * @param changes   how many changes the page takes
     * @param fresh     how many new messages the page takes
     * @param inChanges whether the page ends among the changes, before any new message
     * @param more      whether anything is left for the next page
     */
    record Cut(int changes, int fresh, boolean inChanges, boolean more) {

        static Cut of(int changeCount, int freshCount, int max) {
            int changes = Math.min(changeCount, max);
            boolean inChanges = changes < changeCount;
            int fresh = inChanges ? 0 : Math.min(freshCount, max - changes);
            return new Cut(changes, fresh, inChanges, inChanges || fresh < freshCount);
        }
    }

    static MailException.ResyncRequired recreated(MailboxName mailbox) {
        return new MailException.ResyncRequired(MailException.ResyncRequired.Reason.UIDVALIDITY_CHANGED,
                "mailbox '" + mailbox + "' was recreated since the sync token was issued (UIDVALIDITY changed); "
                        + "drop what you hold for it, fetch a new token and list it again");
    }

    /** The flags of the messages in a UID range of the selected mailbox, by UID; one UID FETCH. */
    static SortedMap<Long, Flags> flags(ImapConnection c, String uidRange) throws ProtocolException {
        return flags(c, uidRange, () -> { });
    }

    private static SortedMap<Long, Flags> flags(ImapConnection c, String uidRange, Runnable onNews)
            throws ProtocolException {
        SortedMap<Long, Flags> out = new TreeMap<>();
        Argument args = new Argument();
        args.writeAtom(uidRange);
        args.writeAtom("(UID FLAGS)");
        for (Response r : c.command("UID FETCH", args)) {
            if (r instanceof FetchResponse f && SummaryReader.uid(f) > 0) {
                out.put(SummaryReader.uid(f), SummaryReader.flags(f.getItem(FLAGS.class)));
            } else if (r instanceof IMAPResponse ir && ir.isUnTagged() && (ir.keyEquals("EXISTS")
                    || ir.keyEquals("EXPUNGE"))) {
                onNews.run();
            }
        }
        return out;
    }

    /** The UIDs from {@code uidNext} on, ascending. ({@code n:*} names the last message even when it is below n.) */
    static List<Long> uidsFrom(ImapConnection c, long uidNext) throws ProtocolException {
        Argument args = new Argument();
        args.writeAtom("UID");
        args.writeAtom(uidNext + ":*");
        List<Long> out = new ArrayList<>();
        for (Response r : c.command("UID SEARCH", args)) {
            if (r instanceof IMAPResponse ir && ir.isUnTagged() && ir.keyEquals("SEARCH")) {
                for (long n = ir.readLong(); n != -1; n = ir.readLong()) {
                    if (n >= uidNext) {
                        out.add(n);
                    }
                }
            }
        }
        out.sort(null);
        return out;
    }
}

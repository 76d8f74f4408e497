package org.lemongate.mapping.imap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.eclipse.angus.mail.iap.ProtocolException;
import org.lemongate.mapping.ChangedMessage;
import org.lemongate.mapping.Changes;
import org.lemongate.mapping.Flags;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.MessageStates;
import org.lemongate.mapping.MessageSummary;
import org.lemongate.mapping.SyncToken;

/**
 * Changes on servers without QRESYNC (ADR 0061): the token carries every known UID with its flags; the gateway fetches
 * the flags of the known UID range now and compares. Vanished messages come in full, changed ones by UID, then new
 * ones by UID; the next token is the old states with exactly this page applied, so a page can end anywhere. A token
 * that kept only a digest (a mailbox too large for the token) can tell only "nothing changed"; otherwise the answer is
 * "resync required", never a full list dressed as a delta.
 */
final class StateChanges {

    private StateChanges() {
    }

    static Changes since(ImapConnection c, SyncToken token, int max) throws ProtocolException {
        ImapConnection.Selected s = c.selectFresh(token.mailbox());
        if (s.uidValidity() != token.uidValidity()) {
            throw ChangeFeed.recreated(token.mailbox());
        }
        MessageStates states = token.states().orElseThrow();
        SortedMap<Long, Flags> now = token.uidNext() > 1
                ? ChangeFeed.flags(c, "1:" + (token.uidNext() - 1)) : new TreeMap<>();
        now.keySet().removeIf(uid -> uid >= token.uidNext());
        if (states.flags().isEmpty() && !states.matches(now)) {
            throw new MailException.ResyncRequired(MailException.ResyncRequired.Reason.NOT_COMPUTABLE,
                    "messages of mailbox '" + token.mailbox() + "' changed, and this IMAP server offers no "
                            + "CONDSTORE/QRESYNC while the mailbox is too large to track in a token; list it again");
        }
        SortedMap<Long, Flags> known = states.flags().orElse(now);
        List<Long> vanished = new ArrayList<>();
        List<ChangedMessage> changes = new ArrayList<>();
        for (Map.Entry<Long, Flags> e : known.entrySet()) {
            Flags current = now.get(e.getKey());
            if (current == null) {
                vanished.add(e.getKey());
            } else if (!current.equals(e.getValue())) {
                changes.add(new ChangedMessage(MessageRef.of(token.mailbox(), s.uidValidity(), e.getKey()), current));
            }
        }
        List<Long> fresh = new ArrayList<>(now.keySet().stream().filter(uid -> !known.containsKey(uid)).toList());
        fresh.addAll(ChangeFeed.uidsFrom(c, token.uidNext()));

        ChangeFeed.Cut cut = ChangeFeed.Cut.of(changes.size(), fresh.size(), max);
        List<ChangedMessage> pageChanges = changes.subList(0, cut.changes());
        List<Long> pageFresh = fresh.subList(0, cut.fresh());
        boolean more = cut.more();
        List<MessageSummary> added = MessageQueries.fetchSummaries(c, token.mailbox(), s.uidValidity(), pageFresh);

        SortedMap<Long, Flags> after = new TreeMap<>(known);
        vanished.forEach(after::remove);
        pageChanges.forEach(ch -> after.put(ch.ref().uid(), ch.flags()));
        added.forEach(a -> after.put(a.ref().uid(), a.flags()));
        long uidNext = token.uidNext();
        if (!pageFresh.isEmpty()) {
            uidNext = Math.max(uidNext, pageFresh.get(pageFresh.size() - 1) + 1);
        }
        if (!more) {
            uidNext = Math.max(uidNext, s.uidNext());
        }
        SyncToken next = SyncToken.ofStates(token.mailbox(), s.uidValidity(), uidNext, MessageStates.of(after));
        List<MessageRef> gone = vanished.stream().map(uid -> MessageRef.of(token.mailbox(), s.uidValidity(), uid))
                .toList();
        return new Changes(added, pageChanges, gone, more, next);
    }
}

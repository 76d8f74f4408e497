package org.lemongate.mapping.imap;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.protocol.FLAGS;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.lemongate.mapping.FlagChange;
import org.lemongate.mapping.Flags;
import org.lemongate.mapping.SystemFlag;

/** UID STORE on the selected mailbox, reading back the flags the server reports. */
final class FlagStore {

    private FlagStore() {
    }

    /**
     * Applies {@code change} to the messages with these UIDs (one UID STORE to add, one to remove) and returns each
     * existing message's flags afterwards. UIDs missing from the answer do not exist (any more).
     */
    static Map<Long, Flags> change(ImapConnection c, Collection<Long> uids, FlagChange change)
            throws ProtocolException {
        Response[] last = null;
        if (!change.add().isEmpty()) {
            last = store(c, uids, "+FLAGS", change.add());
        }
        if (!change.remove().isEmpty()) {
            last = store(c, uids, "-FLAGS", change.remove());
        }
        Map<Long, Flags> after = new HashMap<>();
        collect(last, after);
        Set<Long> unreported = new HashSet<>(uids);
        unreported.removeAll(after.keySet());
        if (!unreported.isEmpty()) {
            // A server may stay silent about messages whose flags did not change: ask once for those.
            Argument args = new Argument();
            args.writeAtom(UidSets.format(unreported));
            args.writeAtom("(FLAGS)");
            Map<Long, Flags> fetched = new HashMap<>();
            collect(c.command("UID FETCH", args), fetched);
            fetched.keySet().retainAll(unreported);
            after.putAll(fetched);
        }
        return after;
    }

    /** Sets \Deleted on the messages without asking for their flags back. */
    static void markDeleted(ImapConnection c, Collection<Long> uids) throws ProtocolException {
        Argument args = new Argument();
        args.writeAtom(UidSets.format(uids));
        args.writeAtom("+FLAGS.SILENT");
        args.writeAtom("(" + SystemFlag.DELETED.imapName() + ")");
        c.command("UID STORE", args);
    }

    private static Response[] store(ImapConnection c, Collection<Long> uids, String item, Flags flags)
            throws ProtocolException {
        Argument args = new Argument();
        args.writeAtom(UidSets.format(uids));
        args.writeAtom(item);
        args.writeAtom(ImapFlags.list(flags));
        return c.command("UID STORE", args);
    }

    private static void collect(Response[] responses, Map<Long, Flags> into) {
        for (Response r : responses) {
            if (r instanceof FetchResponse f) {
                UID uid = f.getItem(UID.class);
                FLAGS flags = f.getItem(FLAGS.class);
                if (uid != null && flags != null) {
                    into.put(uid.uid, SummaryReader.flags(flags));
                }
            }
        }
    }
}

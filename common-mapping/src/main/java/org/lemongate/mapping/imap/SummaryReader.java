package org.lemongate.mapping.imap;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.mail.internet.InternetAddress;

import org.eclipse.angus.mail.imap.protocol.BODYSTRUCTURE;
import org.eclipse.angus.mail.imap.protocol.ENVELOPE;
import org.eclipse.angus.mail.imap.protocol.FLAGS;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.INTERNALDATE;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.lemongate.mapping.Address;
import org.lemongate.mapping.Flags;
import org.lemongate.mapping.Keyword;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.MessageSummary;
import org.lemongate.mapping.MimePart;
import org.lemongate.mapping.SystemFlag;

/** Turns one FETCH response (UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE) into a summary. */
final class SummaryReader {

    /** The FETCH items a summary needs. */
    static final String ITEMS = "(UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE)";

    /** Jakarta Mail's system flags, in the order of {@link SystemFlag}'s constants. */
    private static final jakarta.mail.Flags.Flag[] JAKARTA_SYSTEM = systemFlagsInOrder();

    /**
     * Every combination of system flags without keywords, indexed by a bit mask over {@link SystemFlag}'s order:
     * most messages carry no keywords, and a list then shares these immutable values instead of building one per
     * message.
     */
    private static final Flags[] SYSTEM_ONLY = systemOnlyFlags();

    private SummaryReader() {
    }

    /** The UID of a FETCH response, or 0 when it carries none. */
    static long uid(FetchResponse f) {
        UID u = f.getItem(UID.class);
        return u == null ? 0 : u.uid;
    }

    /** A summary, with the MIME tree it was computed from. */
    record Read(MessageSummary summary, MimePart structure) {
    }

    /** The summary and the MIME tree, for callers that need the tree (structure, parts). */
    static Read read(FetchResponse f, MailboxName mailbox, long uidValidity) {
        MimePart structure = StructureReader.read(body(f));
        boolean attachments = structure.flatten().stream().anyMatch(MimePart::isAttachment);
        return new Read(summary(f, mailbox, uidValidity, attachments), structure);
    }

    /**
     * The summary alone, for message lists: whether there are attachments is read off BODYSTRUCTURE directly,
     * without building the MIME tree that lists do not show.
     */
    static MessageSummary summary(FetchResponse f, MailboxName mailbox, long uidValidity) {
        return summary(f, mailbox, uidValidity, StructureReader.hasAttachment(body(f)));
    }

    private static BODYSTRUCTURE body(FetchResponse f) {
        BODYSTRUCTURE bs = f.getItem(BODYSTRUCTURE.class);
        if (bs == null) {
            throw missingData();
        }
        return bs;
    }

    private static MessageSummary summary(FetchResponse f, MailboxName mailbox, long uidValidity,
                                          boolean attachments) {
        ENVELOPE env = f.getItem(ENVELOPE.class);
        INTERNALDATE date = f.getItem(INTERNALDATE.class);
        RFC822SIZE size = f.getItem(RFC822SIZE.class);
        if (env == null || date == null || size == null) {
            throw missingData();
        }
        return new MessageSummary(MessageRef.of(mailbox, uidValidity, uid(f)),
                env.subject == null ? "" : StructureReader.decodeWords(env.subject), addresses(env.from),
                addresses(env.to), addresses(env.cc), Optional.ofNullable(env.date).map(java.util.Date::toInstant),
                date.getDate() == null ? Instant.EPOCH : date.getDate().toInstant(), size.size,
                flags(f.getItem(FLAGS.class)), attachments, env.messageId == null ? "" : env.messageId);
    }

    private static MailException missingData() {
        return new MailException.BackendError("the IMAP server left out message data the gateway asked for", null);
    }

    /** Immutable already, so that the summary keeps the list instead of copying it. */
    private static List<Address> addresses(InternetAddress[] list) {
        if (list == null || list.length == 0) {
            return List.of();
        }
        Address[] out = new Address[list.length];
        for (int i = 0; i < list.length; i++) {
            String personal = list[i].getPersonal();
            out[i] = new Address(personal == null ? "" : personal, list[i].getAddress());
        }
        return List.of(out);
    }

    /** Our flags from Jakarta Mail's; keywords the domain cannot represent are left out. */
    static Flags flags(jakarta.mail.Flags f) {
        if (f == null) {
            return Flags.NONE;
        }
        int mask = 0;
        for (int i = 0; i < JAKARTA_SYSTEM.length; i++) {
            if (f.contains(JAKARTA_SYSTEM[i])) {
                mask |= 1 << i;
            }
        }
        String[] userFlags = f.getUserFlags();
        if (userFlags.length == 0) {
            return SYSTEM_ONLY[mask];
        }
        Set<Keyword> keywords = new HashSet<>();
        for (String k : userFlags) {
            try {
                keywords.add(Keyword.of(k));
            } catch (MailException.InvalidInput e) {
                // A keyword set by another client that the domain's stricter rules reject: not shown.
            }
        }
        return new Flags(SYSTEM_ONLY[mask].system(), keywords);
    }

    private static jakarta.mail.Flags.Flag[] systemFlagsInOrder() {
        SystemFlag[] ours = SystemFlag.values();
        jakarta.mail.Flags.Flag[] out = new jakarta.mail.Flags.Flag[ours.length];
        for (int i = 0; i < ours.length; i++) {
            out[i] = ImapFlags.toJakarta(ours[i]);
        }
        return out;
    }

    private static Flags[] systemOnlyFlags() {
        SystemFlag[] ours = SystemFlag.values();
        Flags[] out = new Flags[1 << ours.length];
        for (int mask = 0; mask < out.length; mask++) {
            Set<SystemFlag> system = EnumSet.noneOf(SystemFlag.class);
            for (int i = 0; i < ours.length; i++) {
                if ((mask & (1 << i)) != 0) {
                    system.add(ours[i]);
                }
            }
            out[mask] = new Flags(system, Set.of());
        }
        return out;
    }
}

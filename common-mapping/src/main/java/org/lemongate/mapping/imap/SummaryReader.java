package org.lemongate.mapping.imap;

import java.time.Instant;
import java.util.ArrayList;
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

    static Read read(FetchResponse f, MailboxName mailbox, long uidValidity) {
        ENVELOPE env = f.getItem(ENVELOPE.class);
        INTERNALDATE date = f.getItem(INTERNALDATE.class);
        RFC822SIZE size = f.getItem(RFC822SIZE.class);
        BODYSTRUCTURE bs = f.getItem(BODYSTRUCTURE.class);
        if (env == null || date == null || size == null || bs == null) {
            throw new MailException.BackendError("the IMAP server left out message data the gateway asked for", null);
        }
        MimePart structure = StructureReader.read(bs);
        boolean attachments = structure.flatten().stream().anyMatch(MimePart::isAttachment);
        MessageSummary summary = new MessageSummary(MessageRef.of(mailbox, uidValidity, uid(f)),
                env.subject == null ? "" : StructureReader.decodeWords(env.subject), addresses(env.from),
                addresses(env.to), addresses(env.cc), Optional.ofNullable(env.date).map(java.util.Date::toInstant),
                date.getDate() == null ? Instant.EPOCH : date.getDate().toInstant(), size.size,
                flags(f.getItem(FLAGS.class)), attachments, env.messageId == null ? "" : env.messageId);
        return new Read(summary, structure);
    }

    private static List<Address> addresses(InternetAddress[] list) {
        List<Address> out = new ArrayList<>();
        if (list != null) {
            for (InternetAddress a : list) {
                String personal = a.getPersonal();
                out.add(new Address(personal == null ? "" : personal, a.getAddress()));
            }
        }
        return out;
    }

    /** Our flags from Jakarta Mail's; keywords the domain cannot represent are left out. */
    static Flags flags(jakarta.mail.Flags f) {
        if (f == null) {
            return Flags.NONE;
        }
        Set<SystemFlag> system = EnumSet.noneOf(SystemFlag.class);
        if (f.contains(jakarta.mail.Flags.Flag.SEEN)) {
            system.add(SystemFlag.SEEN);
        }
        if (f.contains(jakarta.mail.Flags.Flag.ANSWERED)) {
            system.add(SystemFlag.ANSWERED);
        }
        if (f.contains(jakarta.mail.Flags.Flag.FLAGGED)) {
            system.add(SystemFlag.FLAGGED);
        }
        if (f.contains(jakarta.mail.Flags.Flag.DELETED)) {
            system.add(SystemFlag.DELETED);
        }
        if (f.contains(jakarta.mail.Flags.Flag.DRAFT)) {
            system.add(SystemFlag.DRAFT);
        }
        Set<Keyword> keywords = new HashSet<>();
        for (String k : f.getUserFlags()) {
            try {
                keywords.add(Keyword.of(k));
            } catch (MailException.InvalidInput e) {
                // A keyword set by another client that the domain's stricter rules reject: not shown.
            }
        }
        return new Flags(system, keywords);
    }
}

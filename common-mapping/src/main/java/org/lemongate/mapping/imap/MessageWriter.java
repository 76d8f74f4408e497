package org.lemongate.mapping.imap;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.UIDSet;
import org.lemongate.mapping.DeleteMode;
import org.lemongate.mapping.FlagChange;
import org.lemongate.mapping.Flags;
import org.lemongate.mapping.ItemResult;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MailboxRole;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.MessageSource;
import org.lemongate.mapping.SpooledMessage;

/** Message writes: append, flags, copy, move, delete, empty. */
final class MessageWriter {

    private final Imap imap;
    private final MailboxDirectory mailboxes;
    private final MessageTransfer transfer;

    MessageWriter(Imap imap, MailboxDirectory mailboxes) {
        this.imap = imap;
        this.mailboxes = mailboxes;
        this.transfer = new MessageTransfer(imap);
    }

    /**
     * Streams the message into IMAP APPEND, after checking it ({@link SpooledMessage#check}) unless it is a
     * {@link SpooledMessage}, checked already. The new reference comes from APPENDUID (UIDPLUS); on a server without
     * UIDPLUS it is the one message that arrived at or above the UIDNEXT read just before the APPEND, and when other
     * messages arrived meanwhile the call fails with BACKEND_ERROR rather than guess (the message is stored).
     */
    MessageRef append(MailboxName mailbox, MessageSource message, Flags flags, Optional<Instant> receivedDate) {
        Objects.requireNonNull(mailbox, "mailbox");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(flags, "flags");
        long max = Math.min(imap.settings().limits().maxUploadBytes(), Integer.MAX_VALUE);
        if (message.size() > max) {
            throw new MailException.TooLarge("the message is " + message.size() + " bytes; this gateway accepts at "
                    + "most " + max, max);
        }
        if (message.size() < 1) {
            throw new MailException.InvalidInput("message", "the message is empty");
        }
        check(message);
        SourceLiteral literal = new SourceLiteral(message);
        Date date = receivedDate.map(Date::from).orElse(null);
        return imap.write("append a message to mailbox '" + mailbox + "'", c -> {
            String name = c.serverName(mailbox);
            long uidNext = c.has("UIDPLUS") ? 0 : c.protocol().status(name, new String[] {"UIDNEXT"}).uidnext;
            AppendUID appended;
            try {
                appended = c.protocol().appenduid(name, ImapFlags.toJakarta(flags), date, literal);
            } catch (ProtocolException e) {
                if (literal.failure() == null) {
                    throw e;
                }
                // The literal was cut short: the server still waits for its bytes, so the connection is lost.
                c.markBroken();
                throw literal.failure();
            }
            c.forgetSelection();
            return appended != null ? MessageRef.of(mailbox, appended.uidvalidity, appended.uid)
                    : locateAppended(c, mailbox, uidNext);
        });
    }

    /** {@link SpooledMessage#check} with a read failure reported as a backend error. */
    static void check(MessageSource message) {
        try {
            SpooledMessage.check(message);
        } catch (IOException e) {
            throw new MailException.BackendError("could not read the message (" + e.getMessage() + ")", e);
        }
    }

    /** Finds the message just appended without UIDPLUS: the only one at or above the earlier UIDNEXT. */
    static MessageRef locateAppended(ImapConnection c, MailboxName mailbox, long uidNextBefore)
            throws ProtocolException {
        ImapConnection.Selected selected = c.select(mailbox);
        Argument args = new Argument();
        args.writeAtom("UID");
        args.writeAtom(Math.max(1, uidNextBefore) + ":*");
        List<Long> arrived = new ArrayList<>();
        for (Response r : c.command("UID SEARCH", args)) {
            if (r instanceof IMAPResponse ir && ir.isUnTagged() && ir.keyEquals("SEARCH")) {
                for (long n = ir.readLong(); n != -1; n = ir.readLong()) {
                    if (n >= uidNextBefore) {
                        arrived.add(n);
                    }
                }
            }
        }
        if (arrived.size() != 1) {
            throw new MailException.BackendError("the message was stored in mailbox '" + mailbox + "', but this "
                    + "IMAP server (without UIDPLUS) does not say under which id and " + arrived.size()
                    + " messages arrived meanwhile; list the mailbox to find it", null);
        }
        return MessageRef.of(mailbox, selected.uidValidity(), arrived.get(0));
    }

    /** One UID STORE per mailbox and direction; each result carries the message's flags afterwards. */
    List<ItemResult<Flags>> changeFlags(List<MessageRef> refs, FlagChange change) {
        Objects.requireNonNull(change, "change");
        MessageBatch<Flags> batch = MessageBatch.of(refs, imap.settings().limits().maxBatchItems());
        imap.read("change flags", c -> {
            batch.eachMailbox(c, "change flags", (conn, mailbox, current, b) -> {
                Map<Long, Flags> after = FlagStore.change(conn, uids(current), change);
                for (MessageRef ref : current) {
                    Flags f = after.get(ref.uid());
                    if (f != null) {
                        b.succeed(ref, f);
                    }
                }
                b.notFoundRest(current);
            });
            return null;
        });
        return batch.results();
    }

    List<ItemResult<MessageRef>> copy(List<MessageRef> refs, MailboxName target) {
        Objects.requireNonNull(target, "target");
        return transfer.copy(refs, target);
    }

    List<ItemResult<MessageRef>> move(List<MessageRef> refs, MailboxName target) {
        Objects.requireNonNull(target, "target");
        return transfer.move(refs, target);
    }

    /**
     * To Trash: moves to the Trash mailbox (found by role or name, created when missing); messages already in Trash
     * are removed for good. Permanent: \Deleted and UID EXPUNGE of exactly these messages.
     */
    List<ItemResult<MessageRef>> delete(List<MessageRef> refs, DeleteMode mode) {
        Objects.requireNonNull(mode, "mode");
        MessageBatch<MessageRef> all = MessageBatch.of(refs, imap.settings().limits().maxBatchItems());
        if (mode == DeleteMode.PERMANENT) {
            return expunge(all);
        }
        MailboxName trash = mailboxes.withRole(MailboxRole.TRASH, imap.settings().trashMailbox(), true)
                .orElseThrow();
        List<MessageRef> inTrash = all.refs().stream().filter(r -> r.mailbox().equals(trash)).toList();
        List<MessageRef> elsewhere = all.refs().stream().filter(r -> !r.mailbox().equals(trash)).toList();
        Map<MessageRef, ItemResult<MessageRef>> outcome = new HashMap<>();
        if (!inTrash.isEmpty()) {
            expunge(MessageBatch.of(inTrash, inTrash.size())).forEach(r -> outcome.put(r.ref(), r));
        }
        if (!elsewhere.isEmpty()) {
            transfer.move(elsewhere, trash).forEach(r -> outcome.put(r.ref(), r));
        }
        return all.refs().stream().map(outcome::get).toList();
    }

    private List<ItemResult<MessageRef>> expunge(MessageBatch<MessageRef> batch) {
        imap.write("delete messages", c -> {
            if (!c.has("UIDPLUS")) {
                throw new MailException.BackendError("this IMAP server lacks UIDPLUS, so the gateway cannot remove "
                        + "single messages without also removing others marked deleted; delete to Trash instead",
                        null);
            }
            batch.eachMailbox(c, "delete messages", (conn, mailbox, current, b) -> {
                Set<Long> present = UidSets.existing(conn, uids(current));
                if (!present.isEmpty()) {
                    FlagStore.markDeleted(conn, present);
                    conn.protocol().uidexpunge(UIDSet.createUIDSets(
                            present.stream().mapToLong(Long::longValue).sorted().toArray()));
                }
                current.stream().filter(r -> present.contains(r.uid())).forEach(b::done);
                b.notFoundRest(current);
            });
            c.forgetSelection();
            return null;
        });
        return batch.results();
    }

    /** Marks every message \Deleted and expunges; returns how many the server reported expunged. */
    long empty(MailboxName mailbox) {
        Objects.requireNonNull(mailbox, "mailbox");
        return imap.write("empty mailbox '" + mailbox + "'", c -> {
            c.forgetSelection();
            if (c.select(mailbox).exists() == 0) {
                return 0L;
            }
            Argument all = new Argument();
            all.writeAtom("1:*");
            all.writeAtom("+FLAGS.SILENT");
            all.writeAtom("(\\Deleted)");
            c.command("STORE", all);
            long expunged = 0;
            for (Response r : c.command("EXPUNGE", null)) {
                if (r instanceof IMAPResponse ir && ir.isUnTagged() && ir.keyEquals("EXPUNGE")) {
                    expunged++;
                }
            }
            c.forgetSelection();
            return expunged;
        });
    }

    private static Collection<Long> uids(List<MessageRef> refs) {
        return refs.stream().map(MessageRef::uid).toList();
    }
}

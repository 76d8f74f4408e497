package org.lemongate.mapping.imap;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.CommandFailedException;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.protocol.BASE64MailboxEncoder;
import org.eclipse.angus.mail.imap.protocol.UIDSet;
import org.lemongate.mapping.ItemResult;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;

/**
 * Copy and move: one UID COPY or UID MOVE per source mailbox, with the new references from COPYUID (RFC 4315). On
 * servers without MOVE (RFC 6851) a move is UID COPY, \Deleted and UID EXPUNGE of exactly those UIDs. The target's
 * UIDVALIDITY is read by STATUS first (which also tells a missing target) rather than trusted from COPYUID.
 */
final class MessageTransfer {

    private final Imap imap;

    MessageTransfer(Imap imap) {
        this.imap = imap;
    }

    List<ItemResult<MessageRef>> copy(List<MessageRef> refs, MailboxName target) {
        return transfer(refs, target, false);
    }

    List<ItemResult<MessageRef>> move(List<MessageRef> refs, MailboxName target) {
        return transfer(refs, target, true);
    }

    private List<ItemResult<MessageRef>> transfer(List<MessageRef> refs, MailboxName target, boolean move) {
        MessageBatch<MessageRef> batch = MessageBatch.of(refs, imap.settings().limits().maxBatchItems());
        String what = (move ? "move" : "copy") + " messages to mailbox '" + target + "'";
        imap.write(what, c -> {
            long targetValidity;
            try {
                targetValidity = c.protocol().status(c.serverName(target), new String[] {"UIDVALIDITY"}).uidvalidity;
            } catch (CommandFailedException e) {
                batch.failUnsettled(batch.refs(), new MailException.NotFound("mailbox '" + target
                        + "' does not exist or cannot hold messages"));
                return null;
            }
            if (move && !c.has("MOVE") && !c.has("UIDPLUS")) {
                throw new MailException.BackendError("this IMAP server offers neither MOVE nor UIDPLUS, so the "
                        + "gateway cannot move messages without risking others marked deleted", null);
            }
            batch.eachMailbox(c, what, (conn, mailbox, current, b) -> {
                if (move && mailbox.equals(target)) {
                    b.failUnsettled(current, new MailException.InvalidInput("target", "the messages are in mailbox '"
                            + target + "' already"));
                    return;
                }
                Set<Long> present = UidSets.existing(conn, current.stream().map(MessageRef::uid).toList());
                if (!present.isEmpty()) {
                    Response[] answer = send(conn, present, target, move);
                    Map<Long, Long> copied = UidSets.copyUid(answer, present.size()).orElse(Map.of());
                    for (MessageRef ref : current) {
                        Long newUid = copied.get(ref.uid());
                        if (newUid != null) {
                            b.succeed(ref, MessageRef.of(target, targetValidity, newUid));
                        } else if (present.contains(ref.uid())) {
                            b.done(ref);
                        }
                    }
                }
                b.notFoundRest(current);
            });
            c.forgetSelection();
            return null;
        });
        return batch.results();
    }

    private static Response[] send(ImapConnection c, Set<Long> uids, MailboxName target, boolean move)
            throws ProtocolException {
        Argument args = new Argument();
        args.writeAtom(UidSets.format(uids));
        String name = c.serverName(target);
        if (c.protocol().supportsUtf8()) {
            args.writeString(name, StandardCharsets.UTF_8);
        } else {
            args.writeString(BASE64MailboxEncoder.encode(name));
        }
        if (move && c.has("MOVE")) {
            return c.command("UID MOVE", args);
        }
        Response[] copied = c.command("UID COPY", args);
        if (move) {
            FlagStore.markDeleted(c, uids);
            c.protocol().uidexpunge(UIDSet.createUIDSets(uids.stream().mapToLong(Long::longValue).sorted().toArray()));
        }
        return copied;
    }
}

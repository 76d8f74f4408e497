package org.lemongate.mapping.imap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.angus.mail.iap.BadCommandException;
import org.eclipse.angus.mail.iap.CommandFailedException;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.lemongate.mapping.ItemResult;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;

/**
 * The messages one request names: checked against the batch limit, worked on one mailbox at a time, answered one
 * result per message in the caller's order. A failure confined to one mailbox (missing, refused command) fails only
 * that mailbox's messages; a reference with an outdated UIDVALIDITY fails alone.
 *
 * @param <T> the result type of each message
 */
final class MessageBatch<T> {

    /** What to do with the current (not stale) messages of one selected mailbox. */
    @FunctionalInterface
    interface Step<T> {
        void run(ImapConnection c, MailboxName mailbox, List<MessageRef> current, MessageBatch<T> batch)
                throws ProtocolException;
    }

    private final List<MessageRef> refs;
    private final Map<MessageRef, ItemResult<T>> results = new HashMap<>();

    private MessageBatch(List<MessageRef> refs) {
        this.refs = refs;
    }

    /**
     * A batch of {@code refs}.
     *
     * @throws MailException.InvalidInput for field {@code ids} when there are none
     * @throws MailException.TooLarge     when there are more than {@code max}
     */
    static <T> MessageBatch<T> of(List<MessageRef> refs, int max) {
        if (refs == null || refs.isEmpty()) {
            throw new MailException.InvalidInput("ids", "no message ids were given");
        }
        if (refs.size() > max) {
            throw new MailException.TooLarge(refs.size() + " message ids were given; at most " + max
                    + " are allowed in one request", max);
        }
        for (MessageRef r : refs) {
            if (r == null) {
                throw new MailException.InvalidInput("ids", "a message id is missing (null) in the list");
            }
        }
        return new MessageBatch<>(List.copyOf(refs));
    }

    /** The distinct messages, grouped by mailbox in order of first mention. */
    Map<MailboxName, List<MessageRef>> byMailbox() {
        Map<MailboxName, Set<MessageRef>> groups = new LinkedHashMap<>();
        for (MessageRef r : refs) {
            groups.computeIfAbsent(r.mailbox(), m -> new LinkedHashSet<>()).add(r);
        }
        Map<MailboxName, List<MessageRef>> out = new LinkedHashMap<>();
        groups.forEach((m, set) -> out.put(m, new ArrayList<>(set)));
        return out;
    }

    /**
     * Runs {@code step} on each mailbox in turn after selecting it (a reused selection catches up first, see
     * {@link ImapConnection#command}) and settling stale references. Errors of one mailbox become its messages'
     * results; a broken connection ends the whole batch.
     */
    void eachMailbox(ImapConnection c, String what, Step<T> step) throws ProtocolException {
        for (Map.Entry<MailboxName, List<MessageRef>> group : byMailbox().entrySet()) {
            MailboxName mailbox = group.getKey();
            try {
                List<MessageRef> current = new ArrayList<>();
                for (MessageRef ref : group.getValue()) {
                    try {
                        c.selectFor(ref);
                        current.add(ref);
                    } catch (MailException.StaleState e) {
                        fail(ref, e);
                    }
                }
                if (!current.isEmpty()) {
                    step.run(c, mailbox, current, this);
                }
            } catch (CommandFailedException | BadCommandException e) {
                failUnsettled(group.getValue(), Failures.translate(e, what + " in mailbox '" + mailbox + "'"));
            } catch (MailException e) {
                failUnsettled(group.getValue(), e);
            }
        }
    }

    void succeed(MessageRef ref, T value) {
        results.put(ref, ItemResult.ok(ref, value));
    }

    void done(MessageRef ref) {
        results.put(ref, ItemResult.done(ref));
    }

    void fail(MessageRef ref, MailException error) {
        results.put(ref, ItemResult.failed(ref, error));
    }

    /** Fails the given messages that have no result yet. */
    void failUnsettled(List<MessageRef> group, MailException error) {
        for (MessageRef ref : group) {
            results.putIfAbsent(ref, ItemResult.failed(ref, error));
        }
    }

    /** Fails every message without a result yet: the ones the server did not find. */
    void notFoundRest(List<MessageRef> group) {
        for (MessageRef ref : group) {
            if (!results.containsKey(ref)) {
                results.put(ref, ItemResult.failed(ref, notFound(ref)));
            }
        }
    }

    static MailException.NotFound notFound(MessageRef ref) {
        return new MailException.NotFound("message " + ref.localId() + " does not exist in mailbox '"
                + ref.mailbox() + "' (any more)");
    }

    /** The results, one per reference in the caller's order (repeated references get the same result). */
    List<ItemResult<T>> results() {
        List<ItemResult<T>> out = new ArrayList<>(refs.size());
        for (MessageRef ref : refs) {
            out.add(results.computeIfAbsent(ref, r -> ItemResult.failed(r, notFound(r))));
        }
        return out;
    }

    /** The references as given, in order. */
    List<MessageRef> refs() {
        return refs;
    }
}

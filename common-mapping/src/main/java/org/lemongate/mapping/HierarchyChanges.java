package org.lemongate.mapping;

import java.util.List;
import java.util.Objects;

/**
 * The changes to the mailbox list since a {@link HierarchyToken}. A renamed mailbox, and one deleted and created
 * again (new UIDVALIDITY), appear as deleted under the old name and created under the new one.
 *
 * @param created mailboxes the client does not know, with their counters
 * @param deleted mailboxes the client knows that are gone
 * @param next    the token to ask with next time
 */
public record HierarchyChanges(List<MailboxInfo> created, List<MailboxName> deleted, HierarchyToken next) {

    public HierarchyChanges {
        created = List.copyOf(created);
        deleted = List.copyOf(deleted);
        Objects.requireNonNull(next, "next");
    }

    /**
     * The changes from the list {@code known} names to the list {@code now}.
     *
     * @throws MailException.ResyncRequired when {@code known} kept only a digest and the list has changed
     */
    public static HierarchyChanges between(HierarchyToken known, List<MailboxInfo> now) {
        HierarchyToken next = HierarchyToken.of(now);
        if (known.matches(next)) {
            return new HierarchyChanges(List.of(), List.of(), next);
        }
        java.util.SortedMap<String, Long> before = known.mailboxes().orElseThrow(() ->
                new MailException.ResyncRequired(MailException.ResyncRequired.Reason.NOT_COMPUTABLE,
                        "the mailbox list changed and the hierarchy token was too coarse to say how "
                                + "(more than " + HierarchyToken.MAX_TRACKED + " mailboxes); list the mailboxes again"));
        java.util.SortedMap<String, Long> after = next.mailboxes().orElseThrow(() ->
                new MailException.ResyncRequired(MailException.ResyncRequired.Reason.NOT_COMPUTABLE,
                        "the mailbox list has grown beyond " + HierarchyToken.MAX_TRACKED
                                + " mailboxes; list the mailboxes again"));
        List<MailboxInfo> created = now.stream()
                .filter(m -> !after.get(m.name().path()).equals(before.get(m.name().path()))).toList();
        List<MailboxName> deleted = before.entrySet().stream()
                .filter(e -> !e.getValue().equals(after.get(e.getKey())))
                .map(e -> MailboxName.of(e.getKey())).toList();
        return new HierarchyChanges(created, deleted, next);
    }

    /** Whether nothing changed. */
    public boolean isEmpty() {
        return created.isEmpty() && deleted.isEmpty();
    }
}

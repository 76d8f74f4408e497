package org.lemongate.soap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.lemongate.mapping.Changes;
import org.lemongate.mapping.Cursor;
import org.lemongate.mapping.Flags;
import org.lemongate.mapping.HierarchyToken;
import org.lemongate.mapping.Keyword;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.PageRequest;
import org.lemongate.mapping.SearchCriteria;
import org.lemongate.mapping.SortOrder;
import org.lemongate.mapping.SyncToken;
import org.lemongate.mapping.SystemFlag;
import org.lemongate.soap.wire.MessageId;

/**
 * The contract's request values to domain values. Every check the domain types make applies; what arrives
 * malformed becomes {@link MailException.InvalidInput} naming the element.
 */
final class FromWire {

    /** Changes per SyncFolder or WaitForChanges reply when the caller does not say. */
    static final int DEFAULT_MAX_CHANGES = 100;

    private FromWire() {
    }

    static MailboxName folder(String field, String name) {
        if (name == null) {
            throw new MailException.InvalidInput(field, field + " is missing");
        }
        try {
            return MailboxName.of(name);
        } catch (MailException.InvalidInput e) {
            throw new MailException.InvalidInput(field, e.getMessage());
        }
    }

    static MessageRef ref(MessageId id) {
        if (id == null) {
            throw new MailException.InvalidInput("id", "a message id is missing");
        }
        return MessageRef.of(folder("folder", id.getFolder()), id.getUidValidity(), id.getUid());
    }

    /** The messages an operation on many names; the mapping layer bounds how many. */
    static List<MessageRef> refs(List<MessageId> ids) {
        List<MessageRef> refs = new ArrayList<>(ids.size());
        for (MessageId id : ids) {
            refs.add(ref(id));
        }
        return refs;
    }

    /** Flags spelled as IMAP does: {@code \Seen} for system flags, anything else a keyword. */
    static Flags flags(String field, List<String> names) {
        Set<SystemFlag> system = EnumSet.noneOf(SystemFlag.class);
        Set<Keyword> keywords = new HashSet<>();
        for (String name : names) {
            if (name != null && name.startsWith("\\")) {
                system.add(SystemFlag.parse(name).orElseThrow(() -> new MailException.InvalidInput(field,
                        "'" + name + "' is not a flag a client may set; use \\Seen, \\Answered, \\Flagged, "
                                + "\\Deleted or \\Draft, or a keyword without the backslash")));
            } else {
                keywords.add(Keyword.of(name));
            }
        }
        return Flags.of(system, keywords);
    }

    static PageRequest page(Long pageSize, String pageToken, org.lemongate.soap.wire.SortOrder order) {
        int size = pageSize == null ? PageRequest.DEFAULT_SIZE : (int) Math.min(pageSize, Integer.MAX_VALUE);
        Optional<Cursor> cursor = Optional.ofNullable(pageToken).map(Cursor::parse);
        SortOrder sort = order != null ? SortOrder.valueOf(order.name())
                : cursor.map(Cursor::order).orElse(SortOrder.NEWEST_FIRST);
        return new PageRequest(size, sort, cursor);
    }

    static SearchCriteria criteria(org.lemongate.soap.wire.SearchCriteria wire) {
        if (wire == null) {
            return SearchCriteria.ALL;
        }
        SearchCriteria.Builder b = SearchCriteria.builder()
                .text(wire.getText())
                .from(wire.getFrom())
                .to(wire.getTo())
                .subject(wire.getSubject())
                .withFlags(flags("withFlag", wire.getWithFlag()))
                .withoutFlags(flags("withoutFlag", wire.getWithoutFlag()));
        if (wire.getSince() != null) {
            b.since(Times.fromWire("since", wire.getSince()));
        }
        if (wire.getBefore() != null) {
            b.before(Times.fromWire("before", wire.getBefore()));
        }
        if (wire.getMinSize() != null) {
            b.minSize(wire.getMinSize());
        }
        if (wire.getMaxSize() != null) {
            b.maxSize(wire.getMaxSize());
        }
        return b.build();
    }

    /** The sync token {@code state} of {@code folder}, or empty when the caller starts afresh. */
    static Optional<SyncToken> syncState(MailboxName folder, String state) {
        return Optional.ofNullable(state).map(s -> parseSyncState(s, folder));
    }

    static HierarchyToken folderTreeState(String state) {
        try {
            return HierarchyToken.parse(state);
        } catch (MailException.InvalidInput e) {
            throw new MailException.InvalidInput("syncState", e.getMessage());
        }
    }

    private static SyncToken parseSyncState(String state, MailboxName folder) {
        try {
            return SyncToken.parse(state).requireMailbox(folder);
        } catch (MailException.InvalidInput e) {
            throw new MailException.InvalidInput("syncState", e.getMessage());
        }
    }

    /** New plus changed messages per reply; the schema bounds it to the mapping layer's maximum. */
    static int maxChanges(Long maxChanges) {
        return Changes.requirePageSize(
                maxChanges == null ? DEFAULT_MAX_CHANGES : (int) Math.min(maxChanges, Integer.MAX_VALUE));
    }

    /** How long WaitForChanges may hold; the longest the gateway grants unless asked otherwise. */
    static Duration hold(Long maxWaitSeconds, Duration maxHold) {
        return maxWaitSeconds == null ? maxHold : Duration.ofSeconds(maxWaitSeconds);
    }
}

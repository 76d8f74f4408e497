package org.lemongate.mapping.imap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.CommandFailedException;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.protocol.BASE64MailboxEncoder;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.ListInfo;
import org.eclipse.angus.mail.imap.protocol.Status;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxInfo;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MailboxRole;
import org.lemongate.mapping.MailboxStatus;
import org.lemongate.mapping.Quota;

/**
 * Mailbox-level operations: list with roles, counters and subscription (one LIST-STATUS round trip where the server
 * has LIST-EXTENDED and LIST-STATUS, else LIST, LSUB and one STATUS each), create, rename, delete, subscribe, quota.
 */
final class MailboxDirectory {

    private static final String[] STATUS_ITEMS = {"MESSAGES", "UNSEEN", "UIDVALIDITY", "UIDNEXT"};
    private static final Map<String, MailboxRole> SPECIAL_USE = Map.of(
            "\\SENT", MailboxRole.SENT, "\\DRAFTS", MailboxRole.DRAFTS, "\\TRASH", MailboxRole.TRASH,
            "\\JUNK", MailboxRole.JUNK, "\\ARCHIVE", MailboxRole.ARCHIVE, "\\ALL", MailboxRole.ALL,
            "\\FLAGGED", MailboxRole.FLAGGED);
    /** Names mail clients commonly use, for servers without SPECIAL-USE. */
    private static final Map<String, MailboxRole> COMMON_NAMES = Map.ofEntries(
            Map.entry("sent", MailboxRole.SENT), Map.entry("sent items", MailboxRole.SENT),
            Map.entry("sent messages", MailboxRole.SENT), Map.entry("drafts", MailboxRole.DRAFTS),
            Map.entry("trash", MailboxRole.TRASH), Map.entry("deleted items", MailboxRole.TRASH),
            Map.entry("deleted messages", MailboxRole.TRASH), Map.entry("junk", MailboxRole.JUNK),
            Map.entry("spam", MailboxRole.JUNK), Map.entry("archive", MailboxRole.ARCHIVE));

    private final Imap imap;

    MailboxDirectory(Imap imap) {
        this.imap = imap;
    }

    Set<String> capabilities() {
        return imap.read("read the server's capabilities", c -> new LinkedHashSet<>(c.capabilities()));
    }

    List<MailboxInfo> list() {
        return imap.read("list mailboxes", c -> {
            List<MailboxInfo> all = c.has("LIST-STATUS") && c.has("LIST-EXTENDED")
                    ? listExtended(c, "*") : listPlain(c, "*");
            all.sort(Comparator.comparing((MailboxInfo m) -> !m.name().isInbox())
                    .thenComparing(m -> m.name().path(), MailboxDirectory::compareHierarchically));
            return withChildrenFromNames(all);
        });
    }

    /** Orders so that a parent comes right before its children: compare level by level. */
    private static int compareHierarchically(String a, String b) {
        String[] x = a.split("/");
        String[] y = b.split("/");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int d = x[i].compareToIgnoreCase(y[i]);
            if (d != 0) {
                return d;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    MailboxInfo get(MailboxName name) {
        return imap.read("open mailbox '" + name + "'", c -> find(c, name)
                .orElseThrow(() -> notFound(name)));
    }

    private Optional<MailboxInfo> find(ImapConnection c, MailboxName name) throws ProtocolException {
        String pattern = c.serverName(name);
        List<MailboxInfo> hits = c.has("LIST-STATUS") && c.has("LIST-EXTENDED")
                ? listExtended(c, pattern) : listPlain(c, pattern);
        Optional<MailboxInfo> hit = hits.stream().filter(m -> m.name().equals(name)).findFirst();
        if (hit.isPresent() && !hit.get().hasChildren() && !c.has("CHILDREN")) {
            // Without the CHILDREN extension the server does not say; ask for one level below.
            ListInfo[] below = c.protocol().list("", pattern + c.delimiter() + "%");
            if (below != null && below.length > 0) {
                hit = Optional.of(withChildren(hit.get()));
            }
        }
        return hit;
    }

    /** Marks as having children every mailbox that another listed mailbox names as its parent. */
    private static List<MailboxInfo> withChildrenFromNames(List<MailboxInfo> all) {
        Set<MailboxName> parents = new HashSet<>();
        all.forEach(m -> m.name().parent().ifPresent(parents::add));
        List<MailboxInfo> out = new ArrayList<>(all.size());
        for (MailboxInfo m : all) {
            out.add(!m.hasChildren() && parents.contains(m.name()) ? withChildren(m) : m);
        }
        return out;
    }

    private static MailboxInfo withChildren(MailboxInfo m) {
        return new MailboxInfo(m.name(), m.role(), m.selectable(), true, m.subscribed(), m.status());
    }

    private static MailException.NotFound notFound(MailboxName name) {
        return new MailException.NotFound("mailbox '" + name + "' does not exist");
    }

    private List<MailboxInfo> listExtended(ImapConnection c, String pattern) throws ProtocolException {
        Argument args = new Argument();
        args.writeString("");
        args.writeString(BASE64MailboxEncoder.encode(pattern));
        args.writeAtom("RETURN (SUBSCRIBED CHILDREN" + (c.has("SPECIAL-USE") ? " SPECIAL-USE" : "")
                + " STATUS (" + String.join(" ", statusItems(c)) + "))");
        Response[] responses = c.command("LIST", args);
        List<ListInfo> infos = new ArrayList<>();
        Map<String, Status> statuses = new HashMap<>();
        for (Response r : responses) {
            if (r instanceof IMAPResponse ir && ir.isUnTagged()) {
                if (ir.keyEquals("LIST")) {
                    infos.add(new ListInfo(ir));
                } else if (ir.keyEquals("STATUS")) {
                    Status s = new Status(ir);
                    statuses.put(s.mbox, s);
                }
            }
        }
        List<MailboxInfo> out = new ArrayList<>();
        for (ListInfo li : infos) {
            Set<String> attrs = upper(li.attrs);
            MailboxInfo m = info(c, li, attrs.contains("\\SUBSCRIBED"), Optional.ofNullable(statuses.get(li.name)));
            if (m != null) {
                out.add(m);
            }
        }
        return out;
    }

    private List<MailboxInfo> listPlain(ImapConnection c, String pattern) throws ProtocolException {
        ListInfo[] listed = c.protocol().list("", pattern);
        ListInfo[] subscribed = c.protocol().lsub("", pattern);
        Set<String> subs = new HashSet<>();
        if (subscribed != null) {
            for (ListInfo s : subscribed) {
                subs.add(s.name);
            }
        }
        List<MailboxInfo> out = new ArrayList<>();
        if (listed == null) {
            return out;
        }
        for (ListInfo li : listed) {
            Optional<Status> status = Optional.empty();
            if (li.canOpen && !upper(li.attrs).contains("\\NONEXISTENT")) {
                status = Optional.of(c.protocol().status(li.name, statusItems(c)));
            }
            MailboxInfo m = info(c, li, subs.contains(li.name), status);
            if (m != null) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * Every mailbox with its role but without counters: one LIST, where {@link #list()} would also ask STATUS of each
     * mailbox on servers without LIST-STATUS. For finding Trash or Sent on every delete and submission.
     */
    private List<MailboxInfo> namesAndRoles(ImapConnection c) throws ProtocolException {
        Argument args = new Argument();
        args.writeString("");
        args.writeString("*");
        if (c.has("LIST-EXTENDED") && c.has("SPECIAL-USE")) {
            args.writeAtom("RETURN (SPECIAL-USE)");
        }
        List<MailboxInfo> out = new ArrayList<>();
        for (Response r : c.command("LIST", args)) {
            if (r instanceof IMAPResponse ir && ir.isUnTagged() && ir.keyEquals("LIST")) {
                MailboxInfo m = info(c, new ListInfo(ir), false, Optional.empty());
                if (m != null) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    private static String[] statusItems(ImapConnection c) {
        if (c.has("CONDSTORE")) {
            String[] items = java.util.Arrays.copyOf(STATUS_ITEMS, STATUS_ITEMS.length + 1);
            items[STATUS_ITEMS.length] = "HIGHESTMODSEQ";
            return items;
        }
        return STATUS_ITEMS;
    }

    private static MailboxInfo info(ImapConnection c, ListInfo li, boolean subscribed, Optional<Status> status) {
        MailboxName name = c.userName(li.name);
        if (name == null) {
            return null; // a name the gateway cannot show (e.g. contains '/' on a '.'-delimited server)
        }
        Set<String> attrs = upper(li.attrs);
        boolean selectable = li.canOpen && !attrs.contains("\\NONEXISTENT");
        boolean children = attrs.contains("\\HASCHILDREN");
        return new MailboxInfo(name, role(name, attrs), selectable, children, subscribed,
                selectable ? status.map(MailboxDirectory::toStatus) : Optional.empty());
    }

    private static MailboxStatus toStatus(Status s) {
        return new MailboxStatus(Math.max(0, s.total), Math.max(0, s.unseen), s.uidvalidity, s.uidnext,
                s.highestmodseq > 0 ? OptionalLong.of(s.highestmodseq) : OptionalLong.empty());
    }

    private static MailboxRole role(MailboxName name, Set<String> attrs) {
        if (name.isInbox()) {
            return MailboxRole.INBOX;
        }
        for (String a : attrs) {
            MailboxRole r = SPECIAL_USE.get(a);
            if (r != null) {
                return r;
            }
        }
        if (name.segments().size() == 1) {
            return COMMON_NAMES.getOrDefault(name.path().toLowerCase(Locale.ROOT), MailboxRole.NONE);
        }
        return MailboxRole.NONE;
    }

    private static Set<String> upper(String[] attrs) {
        Set<String> s = new HashSet<>();
        if (attrs != null) {
            for (String a : attrs) {
                s.add(a.toUpperCase(Locale.ROOT));
            }
        }
        return s;
    }

    MailboxInfo create(MailboxName name) {
        imap.write("create mailbox '" + name + "'", c -> {
            if (find(c, name).isPresent()) {
                throw new MailException.AlreadyExists("mailbox '" + name + "' exists already");
            }
            c.protocol().create(c.serverName(name));
            try {
                c.protocol().subscribe(c.serverName(name));
            } catch (CommandFailedException e) {
                // Subscription is a convenience for IMAP clients; the mailbox exists either way.
            }
            return null;
        });
        return get(name);
    }

    MailboxInfo rename(MailboxName from, MailboxName to) {
        if (from.isInbox()) {
            throw new MailException.Forbidden("the inbox cannot be renamed");
        }
        if (from.contains(to)) {
            throw new MailException.InvalidInput("mailbox", "mailbox '" + from + "' cannot be moved into itself");
        }
        imap.write("rename mailbox '" + from + "' to '" + to + "'", c -> {
            MailboxInfo source = find(c, from).orElseThrow(() -> notFound(from));
            if (find(c, to).isPresent()) {
                throw new MailException.AlreadyExists("mailbox '" + to + "' exists already");
            }
            closeSelection(c);
            c.protocol().rename(c.serverName(from), c.serverName(to));
            if (source.subscribed()) {
                try {
                    c.protocol().unsubscribe(c.serverName(from));
                    c.protocol().subscribe(c.serverName(to));
                } catch (CommandFailedException e) {
                    // Servers that move subscriptions with RENAME refuse the first; nothing is lost.
                }
            }
            return null;
        });
        return get(to);
    }

    void delete(MailboxName name) {
        if (name.isInbox()) {
            throw new MailException.Forbidden("the inbox cannot be deleted");
        }
        imap.write("delete mailbox '" + name + "'", c -> {
            List<MailboxInfo> subtree = new ArrayList<>(listPlainNames(c, name));
            if (subtree.stream().noneMatch(m -> m.name().equals(name))) {
                throw notFound(name);
            }
            // Deepest first: IMAP DELETE of a mailbox with children would leave a \Noselect shell behind.
            subtree.sort(Comparator.comparingInt((MailboxInfo m) -> m.name().segments().size()).reversed());
            closeSelection(c);
            for (MailboxInfo m : subtree) {
                try {
                    c.protocol().unsubscribe(c.serverName(m.name()));
                } catch (CommandFailedException e) {
                    // Not subscribed: nothing to undo.
                }
                c.protocol().delete(c.serverName(m.name()));
            }
            return null;
        });
    }

    private List<MailboxInfo> listPlainNames(ImapConnection c, MailboxName root) throws ProtocolException {
        List<MailboxInfo> out = new ArrayList<>();
        for (String pattern : new String[] {c.serverName(root), c.serverName(root) + c.delimiter() + "*"}) {
            ListInfo[] found = c.protocol().list("", pattern);
            if (found != null) {
                for (ListInfo li : found) {
                    MailboxInfo m = info(c, li, false, Optional.empty());
                    if (m != null && root.contains(m.name())) {
                        out.add(m);
                    }
                }
            }
        }
        return out;
    }

    private static void closeSelection(ImapConnection c) throws ProtocolException {
        c.unselect();
    }

    void subscribe(MailboxName name, boolean subscribed) {
        imap.write((subscribed ? "subscribe to" : "unsubscribe from") + " mailbox '" + name + "'", c -> {
            if (subscribed && find(c, name).isEmpty()) {
                throw notFound(name);
            }
            if (subscribed) {
                c.protocol().subscribe(c.serverName(name));
            } else {
                c.protocol().unsubscribe(c.serverName(name));
            }
            return null;
        });
    }

    /**
     * The mailbox with a role (Sent, Trash, ...): the one the server marks, else one with a common name, else the
     * configured fallback, created when {@code create} is set and it does not exist.
     */
    Optional<MailboxName> withRole(MailboxRole role, String fallback, boolean create) {
        Optional<MailboxName> known = imap.read("find the " + role.name().toLowerCase(Locale.ROOT) + " mailbox",
                c -> namesAndRoles(c).stream().filter(m -> m.role() == role && m.selectable())
                        .map(MailboxInfo::name).findFirst());
        if (known.isPresent() || !create) {
            return known;
        }
        MailboxName name = MailboxName.of(fallback);
        try {
            create(name);
        } catch (MailException.AlreadyExists e) {
            // Created concurrently by another request: fine.
        }
        return Optional.of(name);
    }

    Optional<Quota> quota() {
        return imap.read("read the quota", c -> {
            if (!c.has("QUOTA")) {
                return Optional.<Quota>empty();
            }
            try {
                for (jakarta.mail.Quota q : c.protocol().getQuotaRoot("INBOX")) {
                    if (q.resources == null) {
                        continue;
                    }
                    for (jakarta.mail.Quota.Resource r : q.resources) {
                        if (r.name.equalsIgnoreCase("STORAGE")) {
                            return Optional.of(new Quota(r.usage * 1024, r.limit * 1024));
                        }
                    }
                }
            } catch (CommandFailedException e) {
                return Optional.<Quota>empty();
            }
            return Optional.<Quota>empty();
        });
    }
}

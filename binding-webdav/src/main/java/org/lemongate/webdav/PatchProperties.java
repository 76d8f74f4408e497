package org.lemongate.webdav;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.jackrabbit.webdav.DavConstants;
import org.apache.jackrabbit.webdav.DavException;
import org.apache.jackrabbit.webdav.DavServletResponse;
import org.apache.jackrabbit.webdav.MultiStatus;
import org.apache.jackrabbit.webdav.MultiStatusResponse;
import org.apache.jackrabbit.webdav.WebdavRequest;
import org.apache.jackrabbit.webdav.WebdavResponse;
import org.apache.jackrabbit.webdav.property.DavProperty;
import org.apache.jackrabbit.webdav.property.DavPropertyName;
import org.apache.jackrabbit.webdav.property.PropEntry;
import org.lemongate.mapping.FlagChange;
import org.lemongate.mapping.Flags;
import org.lemongate.mapping.Keyword;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.SystemFlag;

/**
 * PROPPATCH (RFC 4918 section 9.2), all or nothing: {@code m:seen}, {@code m:flagged} ({@code true}/{@code false})
 * and {@code m:keywords} (space-separated, replacing the message's keywords) change IMAP flags; properties of
 * other namespaces are kept as dead properties; live properties are protected (403), and when one change fails
 * the others are reported 424 and nothing changes.
 */
final class PatchProperties {

    private static final Set<String> WRITABLE_MAIL = Set.of("seen", "flagged", "keywords");

    private PatchProperties() {
    }

    static void run(WebdavRequest request, WebdavResponse response, MailResource resource)
            throws DavException, java.io.IOException {
        if (!resource.exists()) {
            throw new DavException(DavServletResponse.SC_NOT_FOUND, "nothing is at " + resource.path());
        }
        List<? extends PropEntry> changes = request.getPropPatchChangeList();
        LockGuard.check(resource, resource.path(), false);
        Map<DavPropertyName, Integer> failures = new LinkedHashMap<>();
        List<DavProperty<?>> deadSet = new ArrayList<>();
        List<DavPropertyName> deadRemove = new ArrayList<>();
        Flags add = Flags.NONE;
        Flags remove = Flags.NONE;
        for (PropEntry entry : changes) {
            DavPropertyName name = entry instanceof DavProperty<?> p ? p.getName() : (DavPropertyName) entry;
            String ns = name.getNamespace().getURI();
            if (ns.equals(MailProperties.URI)) {
                if (!(resource instanceof MessageResource) || !WRITABLE_MAIL.contains(name.getName())
                        || !(entry instanceof DavProperty<?> p)) {
                    failures.put(name, DavServletResponse.SC_FORBIDDEN);
                    continue;
                }
                Flags[] change = flagChange(name.getName(), text(p), (MessageResource) resource);
                if (change == null) {
                    failures.put(name, DavServletResponse.SC_CONFLICT);
                    continue;
                }
                add = union(add, change[0]);
                remove = union(remove, change[1]);
            } else if (ns.equals(DavConstants.NAMESPACE.getURI()) && isLive(name)) {
                failures.put(name, DavServletResponse.SC_FORBIDDEN);
            } else if (entry instanceof DavProperty<?> p) {
                // Changes apply in document order (RFC 4918 section 9.2): a later one on the same name wins.
                deadRemove.remove(name);
                deadSet.removeIf(q -> q.getName().equals(name));
                deadSet.add(p);
            } else {
                deadSet.removeIf(q -> q.getName().equals(name));
                deadRemove.add(name);
            }
        }
        AccountSession session = resource.accountSession();
        if (failures.isEmpty() && !session.properties().fits(session.user(), resource.path(), deadSet, deadRemove)) {
            deadSet.forEach(p -> failures.put(p.getName(), DavServletResponse.SC_INSUFFICIENT_SPACE_ON_RESOURCE));
        }
        MultiStatusResponse answer = new MultiStatusResponse(resource.getHref(), null);
        for (PropEntry entry : changes) {
            DavPropertyName name = entry instanceof DavProperty<?> p ? p.getName() : (DavPropertyName) entry;
            int status = failures.isEmpty() ? DavServletResponse.SC_OK
                    : failures.getOrDefault(name, DavServletResponse.SC_FAILED_DEPENDENCY);
            answer.add(name, status);
        }
        if (failures.isEmpty()) {
            // When one request both sets and clears a flag, setting wins.
            Flags removing = new Flags(minus(remove.system(), add.system()), minus(remove.keywords(), add.keywords()));
            if (!add.isEmpty() || !removing.isEmpty()) {
                MessageResource message = (MessageResource) resource;
                session.account().changeFlags(List.of(message.ref()), new FlagChange(add, removing))
                        .forEach(r -> r.error().ifPresent(e -> {
                            throw e;
                        }));
            }
            session.properties().apply(session.user(), resource.path(), deadSet, deadRemove);
        }
        MultiStatus multiStatus = new MultiStatus();
        multiStatus.addResponse(answer);
        response.sendMultiStatus(multiStatus);
    }

    /** [add, remove] for one mail property, or null for a value that is not acceptable. */
    private static Flags[] flagChange(String property, String value, MessageResource message) {
        if (property.equals("keywords")) {
            Set<Keyword> wanted = new HashSet<>();
            try {
                for (String k : value.strip().split("\\s+")) {
                    if (!k.isEmpty()) {
                        wanted.add(Keyword.of(k));
                    }
                }
            } catch (MailException.InvalidInput e) {
                return null;
            }
            Set<Keyword> current = message.summary().flags().keywords();
            return new Flags[] {new Flags(Set.of(), minus(wanted, current)),
                new Flags(Set.of(), minus(current, wanted))};
        }
        SystemFlag flag = property.equals("seen") ? SystemFlag.SEEN : SystemFlag.FLAGGED;
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1" -> new Flags[] {Flags.of(flag), Flags.NONE};
            case "false", "0" -> new Flags[] {Flags.NONE, Flags.of(flag)};
            default -> null;
        };
    }

    private static boolean isLive(DavPropertyName name) {
        return switch (name.getName()) {
            case "resourcetype", "getcontentlength", "getcontenttype", "getetag", "getlastmodified",
                    "creationdate", "lockdiscovery", "supportedlock", "quota-available-bytes", "quota-used-bytes",
                    "displayname" -> true;
            default -> false;
        };
    }

    private static String text(DavProperty<?> property) {
        Object value = property.getValue();
        return value == null ? "" : value instanceof org.w3c.dom.Node n ? n.getTextContent() : value.toString();
    }

    private static Flags union(Flags a, Flags b) {
        Set<SystemFlag> system = new HashSet<>(a.system());
        system.addAll(b.system());
        Set<Keyword> keywords = new HashSet<>(a.keywords());
        keywords.addAll(b.keywords());
        return new Flags(system, keywords);
    }

    private static <T> Set<T> minus(Set<T> a, Set<T> b) {
        Set<T> out = new HashSet<>(a);
        out.removeAll(b);
        return out;
    }
}

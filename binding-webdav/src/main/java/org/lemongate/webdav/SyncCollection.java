package org.lemongate.webdav;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.apache.jackrabbit.webdav.DavConstants;
import org.apache.jackrabbit.webdav.DavException;
import org.apache.jackrabbit.webdav.DavServletResponse;
import org.apache.jackrabbit.webdav.WebdavRequest;
import org.apache.jackrabbit.webdav.WebdavResponse;
import org.apache.jackrabbit.webdav.property.DavPropertyNameSet;
import org.apache.jackrabbit.webdav.xml.DomUtil;
import org.lemongate.mapping.Changes;
import org.lemongate.mapping.ChangedMessage;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxInfo;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.MessageSummary;
import org.lemongate.mapping.SyncToken;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The sync-collection REPORT (RFC 6578) on a mail folder, with the mapping layer's sync tokens: without a token
 * every message with the asked properties and the current token; with one, the messages added or changed since
 * (with properties) and those gone since (404), page by page. A page cut short by the client's {@code DAV:limit}
 * or the gateway's own page size ends with a 507 response for the folder: the client asks again with the new
 * token. A token that is damaged, for another folder or too old to compute changes from is refused with 403
 * {@code DAV:valid-sync-token}: the client starts over without a token.
 */
final class SyncCollection {

    /** The URI form of a sync token (RFC 6578 requires a URI). */
    static final String TOKEN_PREFIX = "urn:lemongate:sync:";
    /** How many reported names are written to the store at a time during a first sync. */
    private static final int RECORD_BATCH = 500;

    private SyncCollection() {
    }

    /**
     * @throws DavException 403 {@code supported-report} for a resource without messages, 403
     *                      {@code valid-sync-token}, 403 {@code number-of-matches-within-limits} when an initial
     *                      listing does not fit the client's limit, 400 for a malformed body or Depth other than 0
     */
    static void run(WebdavRequest request, WebdavResponse response, MailResource resource)
            throws DavException, IOException {
        Document body = request.getRequestDocument();
        Element root = body == null ? null : body.getDocumentElement();
        if (root == null || !DomUtil.matches(root, "sync-collection", DavConstants.NAMESPACE)) {
            throw Preconditions.failed(DavServletResponse.SC_FORBIDDEN,
                    "this server answers only the DAV:sync-collection report", "supported-report");
        }
        String depth = request.getHeader(DavConstants.HEADER_DEPTH);
        if (depth != null && !depth.strip().equals("0")) {
            throw new DavException(DavServletResponse.SC_BAD_REQUEST, "sync-collection is asked with Depth: 0");
        }
        if (!(resource instanceof FolderResource folder) || folder.mailbox().isEmpty()
                || !folder.mailbox().get().selectable()) {
            throw Preconditions.failed(DavServletResponse.SC_FORBIDDEN,
                    "only a mail folder reports its changes", "supported-report");
        }
        String level = DomUtil.getChildTextTrim(root, "sync-level", DavConstants.NAMESPACE);
        if (level != null && !level.equals("1")) {
            throw Preconditions.failed(DavServletResponse.SC_FORBIDDEN, "only sync-level 1 is supported: mail"
                    + " folders are synchronised one by one", "sync-traversal-supported");
        }
        Element prop = DomUtil.getChildElement(root, "prop", DavConstants.NAMESPACE);
        if (prop == null) {
            throw new DavException(DavServletResponse.SC_BAD_REQUEST, "sync-collection needs a DAV:prop element");
        }
        DavPropertyNameSet names = new DavPropertyNameSet(prop);
        OptionalInt limit = limit(root);
        String token = DomUtil.getChildTextTrim(root, "sync-token", DavConstants.NAMESPACE);
        MailboxInfo mailbox = folder.mailbox().get();
        if (token == null || token.isEmpty()) {
            initial(response, folder, mailbox, names, limit);
        } else {
            since(response, folder, mailbox, parse(token, mailbox), names, limit);
        }
    }

    private static OptionalInt limit(Element root) throws DavException {
        Element limit = DomUtil.getChildElement(root, "limit", DavConstants.NAMESPACE);
        if (limit == null) {
            return OptionalInt.empty();
        }
        String n = DomUtil.getChildTextTrim(limit, "nresults", DavConstants.NAMESPACE);
        try {
            int value = Integer.parseInt(n == null ? "" : n);
            if (value < 1) {
                throw new NumberFormatException();
            }
            return OptionalInt.of(value);
        } catch (NumberFormatException e) {
            throw new DavException(DavServletResponse.SC_BAD_REQUEST,
                    "DAV:limit needs DAV:nresults with a positive number");
        }
    }

    private static SyncToken parse(String token, MailboxInfo mailbox) throws DavException {
        try {
            if (!token.startsWith(TOKEN_PREFIX)) {
                throw new MailException.InvalidInput("sync_token", "not a token of this server");
            }
            return SyncToken.parse(token.substring(TOKEN_PREFIX.length())).requireMailbox(mailbox.name());
        } catch (MailException.InvalidInput e) {
            throw invalidToken(e.getMessage());
        }
    }

    private static DavException invalidToken(String why) {
        return Preconditions.failed(DavServletResponse.SC_FORBIDDEN, "the sync token cannot be used (" + why
                + "); synchronise again without a token", "valid-sync-token");
    }

    /** Every message, and the token taken before listing (a message added meanwhile is reported again later). */
    private static void initial(WebdavResponse response, FolderResource folder, MailboxInfo mailbox,
                                DavPropertyNameSet names, OptionalInt limit) throws DavException, IOException {
        AccountSession session = folder.accountSession();
        MailAccount account = session.account();
        SyncToken token = account.syncToken(mailbox.name());
        long count = account.mailbox(mailbox.name()).status().map(s -> s.messages()).orElse(0L);
        if (limit.isPresent() && count > limit.getAsInt()) {
            throw Preconditions.failed(DavServletResponse.SC_INSUFFICIENT_SPACE_ON_RESOURCE, "the folder holds "
                    + count + " messages, more than the limit of " + limit.getAsInt() + " allows in a first sync",
                    "number-of-matches-within-limits");
        }
        StreamedMultistatus out = StreamedMultistatus.start(response);
        Map<MessageRef, String> reported = new HashMap<>();
        MailboxListing.forEach(account, mailbox.name(), m -> {
            MessageResource message = member(folder, m);
            reported.put(m.ref(), message.path().leaf());
            out.add(message, names, DavConstants.PROPFIND_BY_PROPERTY);
            if (reported.size() >= RECORD_BATCH) {
                session.reported().record(session.user(), reported);
                reported.clear();
            }
        });
        session.reported().record(session.user(), reported);
        out.finish(TOKEN_PREFIX + token.token());
    }

    private static void since(WebdavResponse response, FolderResource folder, MailboxInfo mailbox, SyncToken token,
                              DavPropertyNameSet names, OptionalInt limit) throws DavException, IOException {
        AccountSession session = folder.accountSession();
        MailAccount account = session.account();
        Changes changes;
        try {
            changes = account.changesSince(mailbox.name(), token,
                    Math.min(limit.orElse(Changes.MAX_PAGE), Changes.MAX_PAGE));
        } catch (MailException.StaleState e) {
            throw invalidToken(e.getMessage());
        }
        StreamedMultistatus out = StreamedMultistatus.start(response);
        Map<MessageRef, String> reported = new HashMap<>();
        for (MessageSummary m : changes.added()) {
            MessageResource message = member(folder, m);
            reported.put(m.ref(), message.path().leaf());
            out.add(message, names, DavConstants.PROPFIND_BY_PROPERTY);
        }
        List<MessageRef> gone = new ArrayList<>(changes.vanished());
        for (ChangedMessage c : changes.changed()) {
            try {
                MessageResource message = member(folder, account.summary(c.ref()));
                reported.put(c.ref(), message.path().leaf());
                out.add(message, names, DavConstants.PROPFIND_BY_PROPERTY);
            } catch (MailException.NotFound e) {
                gone.add(c.ref());
            }
        }
        session.reported().record(session.user(), reported);
        // A message the client never saw (added and expunged between two syncs) has no name and is left out.
        for (Map.Entry<MessageRef, String> g : session.reported().find(session.user(), gone).entrySet()) {
            out.addStatus(folder.getHref() + DavPath.ROOT.child(g.getValue()).encoded(false).substring(1),
                    DavServletResponse.SC_NOT_FOUND, "Not Found");
        }
        if (changes.more()) {
            out.addStatus(folder.getHref(), DavServletResponse.SC_INSUFFICIENT_SPACE_ON_RESOURCE,
                    "Insufficient Storage");
        }
        out.finish(TOKEN_PREFIX + changes.next().token());
    }

    private static MessageResource member(FolderResource folder, MessageSummary m) {
        AccountSession session = folder.accountSession();
        return new MessageResource(folder.memberLocator(session.fileName(m)), session,
                (MailResourceFactory) folder.getFactory(), m);
    }
}

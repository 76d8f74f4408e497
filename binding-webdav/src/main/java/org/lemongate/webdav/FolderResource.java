package org.lemongate.webdav;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.apache.jackrabbit.webdav.DavResource;
import org.apache.jackrabbit.webdav.DavResourceIterator;
import org.apache.jackrabbit.webdav.DavResourceIteratorImpl;
import org.apache.jackrabbit.webdav.io.OutputContext;
import org.apache.jackrabbit.webdav.property.DavProperty;
import org.apache.jackrabbit.webdav.property.DavPropertyName;
import org.apache.jackrabbit.webdav.property.DavPropertySet;
import org.apache.jackrabbit.webdav.property.DefaultDavProperty;
import org.apache.jackrabbit.webdav.property.ResourceType;
import org.apache.jackrabbit.webdav.xml.Namespace;
import org.lemongate.mapping.MailboxInfo;

/**
 * A collection: the root of the tree (no mailbox) or a mailbox. Its members are the mailboxes directly below it and,
 * for a selectable mailbox, its messages.
 */
final class FolderResource extends MailResource {

    private static final DavPropertyName QUOTA_AVAILABLE = DavPropertyName.create("quota-available-bytes");
    private static final DavPropertyName QUOTA_USED = DavPropertyName.create("quota-used-bytes");

    /** RFC 6578's token of the folder's state, asked by name only. */
    static final DavPropertyName SYNC_TOKEN = DavPropertyName.create("sync-token");
    /** The calendarserver.org collection tag that CalDAV/CardDAV-style clients compare instead. */
    static final DavPropertyName GETCTAG = DavPropertyName.create("getctag",
            Namespace.getNamespace("CS", "http://calendarserver.org/ns/"));

    private final Optional<MailboxInfo> mailbox;

    FolderResource(MailLocator locator, AccountSession session, MailResourceFactory factory,
                   Optional<MailboxInfo> mailbox) {
        super(locator, session, factory);
        this.mailbox = mailbox;
    }

    /** The mailbox; empty for the root. */
    Optional<MailboxInfo> mailbox() {
        return mailbox;
    }

    @Override
    public boolean exists() {
        return true;
    }

    @Override
    public boolean isCollection() {
        return true;
    }

    @Override
    public String getDisplayName() {
        return mailbox.map(m -> m.name().leaf()).orElse("");
    }

    /** Resource type, name, and the user's quota (RFC 4331) where the IMAP server has QUOTA. */
    @Override
    void addProperties(DavPropertySet props) {
        props.add(new ResourceType(ResourceType.COLLECTION));
        props.add(new DefaultDavProperty<>(DavPropertyName.DISPLAYNAME, getDisplayName()));
        accountSession().quota().ifPresent(q -> {
            props.add(new HiddenProperty<>(QUOTA_AVAILABLE, Long.toString(q.availableBytes())));
            props.add(new HiddenProperty<>(QUOTA_USED, Long.toString(q.usedBytes())));
        });
    }

    /**
     * {@code DAV:sync-token} and {@code CS:getctag} of a mail folder are computed only when asked for by name: each
     * costs an IMAP round trip, which allprop and listings must not pay.
     */
    @Override
    public DavProperty<?> getProperty(DavPropertyName name) {
        if ((name.equals(SYNC_TOKEN) || name.equals(GETCTAG)) && mailbox.isPresent() && mailbox.get().selectable()) {
            String token = SyncCollection.TOKEN_PREFIX
                    + accountSession().account().syncToken(mailbox.get().name()).token();
            return new HiddenProperty<>(name, token);
        }
        return super.getProperty(name);
    }

    @Override
    public DavResourceIterator getMembers() {
        List<DavResource> members = new ArrayList<>();
        forEachMember(members::add);
        return new DavResourceIteratorImpl(members);
    }

    /** Hands over the child folders, the stored files, then the messages page by page, without collecting them. */
    void forEachMember(Consumer<MailResource> action) {
        AccountSession session = accountSession();
        for (MailboxInfo child : session.tree().children(mailbox.map(MailboxInfo::name))) {
            action.accept(new FolderResource(memberLocator(child.name().leaf()), session, factory(),
                    Optional.of(child)));
        }
        for (StoredFile file : session.files().list(session.user(), path())) {
            action.accept(new StoredFileResource(memberLocator(file.path().leaf()), session, factory(), file));
        }
        if (mailbox.isPresent() && mailbox.get().selectable()) {
            MailboxListing.forEach(session.account(), mailbox.get().name(), m ->
                    action.accept(new MessageResource(memberLocator(session.fileName(m)), session, factory(), m)));
        }
    }

    /** A GET of a folder: a minimal HTML page linking its members, for browsers. */
    @Override
    public void spool(OutputContext context) throws IOException {
        context.setContentType("text/html; charset=UTF-8");
        if (!context.hasStream()) {
            return;
        }
        Writer out = new OutputStreamWriter(context.getOutputStream(), StandardCharsets.UTF_8);
        String title = Html.escape(path().decoded());
        out.write("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body>\n<h1>"
                + title + "</h1>\n<ul>\n");
        DavResourceIterator it = getMembers();
        while (it.hasNext()) {
            DavResource member = it.nextResource();
            String name = ((MailResource) member).path().leaf() + (member.isCollection() ? "/" : "");
            out.write("<li><a href=\"" + Html.escape(member.getHref()) + "\">" + Html.escape(name) + "</a></li>\n");
        }
        out.write("</ul>\n</body></html>\n");
        out.flush();
    }

    private MailResourceFactory factory() {
        return (MailResourceFactory) getFactory();
    }
}

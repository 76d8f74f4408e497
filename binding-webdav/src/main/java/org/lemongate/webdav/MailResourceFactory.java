package org.lemongate.webdav;

import java.util.Optional;
import java.util.OptionalLong;

import org.apache.jackrabbit.webdav.DavException;
import org.apache.jackrabbit.webdav.DavResource;
import org.apache.jackrabbit.webdav.DavResourceFactory;
import org.apache.jackrabbit.webdav.DavResourceLocator;
import org.apache.jackrabbit.webdav.DavServletRequest;
import org.apache.jackrabbit.webdav.DavServletResponse;
import org.apache.jackrabbit.webdav.DavSession;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxInfo;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.MessageSummary;

/**
 * Resolves a path to what it names for the request's user: the root, a mailbox (a path whose segments are a mailbox
 * name), a file kept in the state store ({@link StoredFileResource}), a message (a file name of the {@link MessageNames} scheme inside a selectable mailbox), or nothing.
 */
final class MailResourceFactory implements DavResourceFactory {

    @Override
    public DavResource createResource(DavResourceLocator locator, DavServletRequest request,
                                      DavServletResponse response) throws DavException {
        return createResource(locator, request.getDavSession());
    }

    @Override
    public DavResource createResource(DavResourceLocator locator, DavSession session) throws DavException {
        if (!(locator instanceof MailLocator mail) || !(session instanceof AccountSession account)) {
            throw new DavException(DavServletResponse.SC_INTERNAL_SERVER_ERROR,
                    "the mail tree resolves only its own locators in an authenticated session");
        }
        return resolve(mail, account);
    }

    /** What the locator names; never null. */
    MailResource resolve(MailLocator locator, AccountSession session) {
        DavPath path = locator.path();
        if (path.isRoot()) {
            return new FolderResource(locator, session, this, Optional.empty());
        }
        Optional<MailboxName> name = mailboxName(path);
        Optional<MailboxInfo> mailbox = name.flatMap(n -> session.tree().find(n));
        if (mailbox.isPresent()) {
            return new FolderResource(locator, session, this, mailbox);
        }
        Optional<StoredFile> stored = session.files().find(session.user(), path);
        if (stored.isPresent()) {
            return new StoredFileResource(locator, session, this, stored.get());
        }
        if (SideFiles.isSideFile(path.leaf())) {
            // Probes for desktop.ini, ._name and the like are answered without asking IMAP.
            return new MissingResource(locator, session, this);
        }
        return message(locator, session)
                .<MailResource>map(m -> new MessageResource(locator, session, this, m))
                .orElseGet(() -> new MissingResource(locator, session, this));
    }

    private Optional<MessageSummary> message(MailLocator locator, AccountSession session) {
        DavPath path = locator.path();
        Optional<MailboxInfo> folder = mailboxName(path.parent()).flatMap(n -> session.tree().find(n));
        if (folder.isEmpty() || !folder.get().selectable()) {
            return Optional.empty();
        }
        Optional<MessageRef> named = session.names().find(session.user(), path);
        if (named.isPresent()) {
            return named(session, named.get());
        }
        OptionalLong uid = MessageNames.uid(path.leaf());
        if (uid.isEmpty()) {
            return Optional.empty();
        }
        MailboxInfo mailbox = folder.get();
        long uidValidity = mailbox.status().isPresent()
                ? mailbox.status().get().uidValidity()
                : session.account().mailbox(mailbox.name()).status().orElseThrow(
                        () -> new MailException.NotFound("mailbox " + mailbox.name() + " holds no messages"))
                        .uidValidity();
        MessageSummary summary;
        try {
            summary = session.account().summary(MessageRef.of(mailbox.name(), uidValidity, uid.getAsLong()));
        } catch (MailException.NotFound e) {
            return Optional.empty();
        }
        // One URL per message: a name that carries the right UID but not the right words is not an alias, and
        // a message a client named is found under that name only.
        return session.fileName(summary).equals(path.leaf()) ? Optional.of(summary) : Optional.empty();
    }

    /** The message behind a client-chosen name; a name whose message is gone is forgotten. */
    private static Optional<MessageSummary> named(AccountSession session, MessageRef ref) {
        try {
            return Optional.of(session.account().summary(ref));
        } catch (MailException.NotFound | MailException.StaleState e) {
            session.names().remove(session.user(), ref);
            return Optional.empty();
        }
    }

    private static Optional<MailboxName> mailboxName(DavPath path) {
        if (path.isRoot()) {
            return Optional.empty();
        }
        try {
            return Optional.of(MailboxName.ofSegments(path.segments()));
        } catch (MailException.InvalidInput e) {
            // Not a valid mailbox name (e.g. a file name with '%'): then it is not a mailbox either.
            return Optional.empty();
        }
    }
}

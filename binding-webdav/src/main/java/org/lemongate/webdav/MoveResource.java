package org.lemongate.webdav;

import org.apache.jackrabbit.webdav.DavException;
import org.apache.jackrabbit.webdav.DavServletResponse;
import org.lemongate.mapping.MailboxName;

/**
 * MOVE (RFC 4918 section 9.9) of a folder: IMAP RENAME, which takes the mailboxes below along. With
 * {@code Overwrite: T} an existing target is deleted first (IMAP has no atomic replace); with {@code F} it is 412.
 */
final class MoveResource {

    private MoveResource() {
    }

    /**
     * @return 201 when the target was new, 204 when it replaced something
     * @throws DavException 404 for a missing source, 403 for the root, the inbox or a move onto itself, 409 into
     *                      itself or under a missing parent, 412 for an existing target without overwrite, 501 for
     *                      a single message
     */
    static int run(Destination destination, MailResource source, MailResourceFactory factory)
            throws DavException {
        if (!source.exists()) {
            throw new DavException(DavServletResponse.SC_NOT_FOUND, "nothing is at " + source.path());
        }
        if (!(source instanceof FolderResource folder) || folder.mailbox().isEmpty()) {
            throw source.isCollection()
                    ? new DavException(DavServletResponse.SC_FORBIDDEN, "the root of the mail tree cannot be moved")
                    : new DavException(DavServletResponse.SC_NOT_IMPLEMENTED,
                            "moving single messages is not available in this version; move their folder instead");
        }
        MailboxName from = folder.mailbox().get().name();
        if (from.isInbox()) {
            throw new DavException(DavServletResponse.SC_FORBIDDEN, "the INBOX cannot be moved or renamed");
        }
        DavPath to = destination.locator().path();
        if (to.equals(source.path())) {
            throw new DavException(DavServletResponse.SC_FORBIDDEN, "source and destination are the same");
        }
        if (to.segments().size() > source.path().segments().size()
                && to.segments().subList(0, source.path().segments().size()).equals(source.path().segments())) {
            throw new DavException(DavServletResponse.SC_CONFLICT, "a folder cannot be moved into itself");
        }
        AccountSession session = source.accountSession();
        if (!to.parent().isRoot() && session.tree().find(MailboxName.ofSegments(to.parent().segments())).isEmpty()) {
            throw new DavException(DavServletResponse.SC_CONFLICT,
                    "the destination folder " + to.parent() + " does not exist");
        }
        MailResource target = factory.resolve(destination.locator(), session);
        if (target.exists() && !destination.overwrite()) {
            throw new DavException(DavServletResponse.SC_PRECONDITION_FAILED,
                    "the destination exists and Overwrite is F");
        }
        boolean replaced = target.exists();
        if (replaced) {
            DeleteResource.remove(target);
        }
        session.account().renameMailbox(from, MailboxName.ofSegments(to.segments()));
        return replaced ? DavServletResponse.SC_NO_CONTENT : DavServletResponse.SC_CREATED;
    }
}

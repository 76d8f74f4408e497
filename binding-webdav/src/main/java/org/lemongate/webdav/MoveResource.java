package org.lemongate.webdav;

import java.util.List;
import java.util.Optional;

import org.apache.jackrabbit.webdav.DavException;
import org.apache.jackrabbit.webdav.DavServletResponse;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;

/**
 * MOVE (RFC 4918 section 9.9): a folder is renamed (IMAP RENAME takes the mailboxes below along); a message is
 * renamed in place, or moved to another folder by IMAP MOVE, and keeps the name the Destination gives it.
 */
final class MoveResource {

    private MoveResource() {
    }

    /**
     * @return 201 when the target was new, 204 when it replaced something
     * @throws DavException as {@link Transfer#prepare}, and 403 for the inbox
     */
    static int run(Destination destination, MailResource source, MailResourceFactory factory)
            throws DavException {
        if (source instanceof FolderResource folder && folder.mailbox().isPresent()
                && folder.mailbox().get().name().isInbox()) {
            throw new DavException(DavServletResponse.SC_FORBIDDEN, "the INBOX cannot be moved or renamed");
        }
        Transfer transfer = Transfer.prepare(destination, source, factory);
        AccountSession session = source.accountSession();
        if (source instanceof FolderResource folder) {
            session.account().renameMailbox(folder.mailbox().orElseThrow().name(),
                    MailboxName.ofSegments(transfer.target().segments()));
            session.names().renameFolder(session.user(), source.path(), transfer.target());
            session.files().move(session.user(), source.path(), transfer.target());
        } else if (source instanceof StoredFileResource) {
            session.files().move(session.user(), source.path(), transfer.target());
        } else {
            MessageRef ref = ((MessageResource) source).ref();
            long wrappedBytes = ((MessageResource) source).wrappedBytes();
            MailboxName into = transfer.folder().orElseThrow();
            Optional<MessageRef> moved = into.equals(ref.mailbox()) ? Optional.of(ref)
                    : Transfer.single(session.account().move(List.of(ref), into));
            if (!moved.equals(Optional.of(ref))) {
                session.names().remove(session.user(), ref);
            }
            Transfer.name(session, transfer.target(), moved, wrappedBytes);
        }
        return transfer.status();
    }
}

package org.lemongate.webdav;

import java.util.Comparator;
import java.util.List;

import org.apache.jackrabbit.webdav.DavException;
import org.apache.jackrabbit.webdav.DavServletResponse;
import org.lemongate.mapping.DeleteMode;
import org.lemongate.mapping.ItemResult;
import org.lemongate.mapping.MailboxInfo;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;

/**
 * DELETE (RFC 4918 section 9.6): a message is removed for good, as a deleted file is (a file manager keeps its own
 * trash); a folder is removed with everything below it, innermost mailboxes first, because IMAP DELETE leaves
 * child mailboxes behind.
 */
final class DeleteResource {

    private DeleteResource() {
    }

    /**
     * @throws DavException 404 when nothing is there, 403 for the root and the inbox, 400 for a Depth other than
     *                      infinity on a folder
     */
    static void run(String depth, MailResource resource) throws DavException {
        if (!resource.exists()) {
            throw new DavException(DavServletResponse.SC_NOT_FOUND, "nothing is at " + resource.path());
        }
        if (resource.isCollection() && depth != null && !depth.strip().equalsIgnoreCase("infinity")) {
            throw new DavException(DavServletResponse.SC_BAD_REQUEST,
                    "DELETE of a folder removes all of it: Depth must be infinity or absent");
        }
        remove(resource);
    }

    /** Removes what the resource names; shared with MOVE and COPY when they overwrite. */
    static void remove(MailResource resource) throws DavException {
        if (resource instanceof MessageResource message) {
            List<ItemResult<MessageRef>> results =
                    resource.accountSession().account().delete(List.of(message.ref()), DeleteMode.PERMANENT);
            for (ItemResult<MessageRef> r : results) {
                if (r.error().isPresent()) {
                    throw r.error().get();
                }
            }
            resource.accountSession().names().remove(resource.accountSession().user(), message.ref());
        } else if (resource instanceof StoredFileResource) {
            resource.accountSession().files().removeWithin(resource.accountSession().user(), resource.path());
        } else if (resource instanceof FolderResource folder) {
            removeFolder(folder);
        } else {
            throw new DavException(DavServletResponse.SC_NOT_FOUND, "nothing is at " + resource.path());
        }
    }

    private static void removeFolder(FolderResource folder) throws DavException {
        if (folder.mailbox().isEmpty()) {
            throw new DavException(DavServletResponse.SC_FORBIDDEN, "the root of the mail tree cannot be deleted");
        }
        MailboxName name = folder.mailbox().get().name();
        if (name.isInbox()) {
            throw new DavException(DavServletResponse.SC_FORBIDDEN, "the INBOX cannot be deleted");
        }
        AccountSession session = folder.accountSession();
        List<MailboxName> doomed = session.tree().all().stream().map(MailboxInfo::name).filter(name::contains)
                .sorted(Comparator.comparingInt((MailboxName n) -> n.segments().size()).reversed())
                .toList();
        for (MailboxName n : doomed) {
            session.account().deleteMailbox(n);
        }
        session.files().removeWithin(session.user(), folder.path());
    }
}

package org.lemongate.webdav;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.jackrabbit.webdav.DavException;
import org.lemongate.mapping.ItemResult;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailboxInfo;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.MessageSummary;

/**
 * COPY (RFC 4918 section 9.8): a message by IMAP COPY, under the name the Destination gives it; a folder by
 * creating the target mailbox and copying its messages in batches, with the folders below for Depth infinity.
 */
final class CopyResource {

    private CopyResource() {
    }

    /**
     * @param deep whether a folder is copied with the folders below it (Depth infinity)
     * @return 201 when the target was new, 204 when it replaced something
     * @throws DavException as {@link Transfer#prepare}
     */
    static int run(Destination destination, MailResource source, MailResourceFactory factory, boolean deep)
            throws DavException {
        Transfer transfer = Transfer.prepare(destination, source, factory);
        AccountSession session = source.accountSession();
        if (source instanceof FolderResource folder) {
            copyFolder(session, folder.mailbox().orElseThrow(), transfer.target(), deep);
            if (deep) {
                session.files().copy(session.user(), source.path(), transfer.target());
            }
        } else if (source instanceof StoredFileResource) {
            session.files().copy(session.user(), source.path(), transfer.target());
        } else {
            MessageResource message = (MessageResource) source;
            Transfer.name(session, transfer.target(), Transfer.single(session.account().copy(List.of(message.ref()),
                    transfer.folder().orElseThrow())), message.wrappedBytes());
        }
        return transfer.status();
    }

    private static void copyFolder(AccountSession session, MailboxInfo from, DavPath to, boolean deep) {
        MailAccount account = session.account();
        MailboxName target = MailboxName.ofSegments(to.segments());
        account.createMailbox(target);
        if (from.selectable()) {
            int batch = account.limits().maxBatchItems();
            List<MessageSummary> messages = MailboxListing.all(account, from.name());
            for (int i = 0; i < messages.size(); i += batch) {
                List<MessageSummary> slice = messages.subList(i, Math.min(messages.size(), i + batch));
                List<MessageRef> refs = new ArrayList<>();
                slice.forEach(m -> refs.add(m.ref()));
                List<ItemResult<MessageRef>> results = account.copy(refs, target);
                for (int k = 0; k < results.size(); k++) {
                    ItemResult<MessageRef> r = results.get(k);
                    if (r.error().isPresent()) {
                        throw r.error().get();
                    }
                    Optional<StoredName> name = session.names().nameOf(session.user(), refs.get(k));
                    if (name.isPresent() && r.value().isPresent()) {
                        session.names().put(session.user(), name.get().at(to.child(name.get().path().leaf())),
                                r.value().get());
                    }
                }
            }
        }
        if (deep) {
            for (MailboxInfo child : session.tree().children(Optional.of(from.name()))) {
                copyFolder(session, child, to.child(child.name().leaf()), true);
            }
        }
    }
}

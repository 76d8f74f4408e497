package org.lemongate.webdav;

import java.util.List;
import java.util.Optional;

import org.apache.jackrabbit.webdav.DavException;
import org.apache.jackrabbit.webdav.DavServletResponse;
import org.lemongate.mapping.ItemResult;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxInfo;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;

/**
 * What MOVE and COPY (RFC 4918 sections 9.8, 9.9) share: the checks of source and destination, the Overwrite
 * rule (an existing target is deleted first, as IMAP has no atomic replace; with {@code F} it is 412), and giving
 * a transferred message the name the Destination asked for.
 *
 * @param source   what is moved or copied
 * @param target   the destination path
 * @param folder   the mailbox the destination lies in; empty for a top-level destination
 * @param replaced whether an existing resource was deleted to make room
 */
record Transfer(MailResource source, DavPath target, Optional<MailboxName> folder, boolean replaced) {

    /**
     * @throws DavException 404 for a missing source, 403 for the root or a transfer onto itself, 409 into itself or
     *                      under a missing folder (for a message: outside a mail folder), 412 for an existing target
     *                      with {@code Overwrite: F}
     */
    static Transfer prepare(Destination destination, MailResource source, MailResourceFactory factory)
            throws DavException {
        if (!source.exists()) {
            throw new DavException(DavServletResponse.SC_NOT_FOUND, "nothing is at " + source.path());
        }
        if (source.path().isRoot()) {
            throw new DavException(DavServletResponse.SC_FORBIDDEN,
                    "the root of the mail tree cannot be moved or copied");
        }
        DavPath to = destination.locator().path();
        if (to.equals(source.path())) {
            throw new DavException(DavServletResponse.SC_FORBIDDEN, "source and destination are the same");
        }
        if (source.isCollection() && to.isWithin(source.path())) {
            throw new DavException(DavServletResponse.SC_CONFLICT, "a folder cannot be moved or copied into itself");
        }
        AccountSession session = source.accountSession();
        Optional<MailboxInfo> parent = to.parent().isRoot() ? Optional.empty()
                : session.tree().find(MailboxName.ofSegments(to.parent().segments()));
        if (!to.parent().isRoot() && parent.isEmpty()) {
            throw new DavException(DavServletResponse.SC_CONFLICT,
                    "the destination folder " + to.parent() + " does not exist");
        }
        if (source instanceof MessageResource && (parent.isEmpty() || !parent.get().selectable())) {
            throw new DavException(DavServletResponse.SC_CONFLICT, "a message can only go into a mail folder");
        }
        MailResource existing = factory.resolve(destination.locator(), session);
        if (existing.exists() && !destination.overwrite()) {
            throw new DavException(DavServletResponse.SC_PRECONDITION_FAILED,
                    "the destination exists and Overwrite is F");
        }
        if (existing.exists()) {
            DeleteResource.remove(existing);
        }
        return new Transfer(source, to, parent.map(MailboxInfo::name), existing.exists());
    }

    /** 201 for a new resource, 204 when one was replaced. */
    int status() {
        return replaced ? DavServletResponse.SC_NO_CONTENT : DavServletResponse.SC_CREATED;
    }

    /** The new reference from a one-message IMAP MOVE or COPY, or its failure. */
    static Optional<MessageRef> single(List<ItemResult<MessageRef>> results) {
        for (ItemResult<MessageRef> r : results) {
            if (r.error().isPresent()) {
                throw r.error().get();
            }
            return r.value();
        }
        throw new MailException.BackendError("the server reported nothing for the message", null);
    }

    /**
     * Files a message under {@code path}: the {@link MessageNames} name needs no record, any other name does. Without
     * a new reference (a server without UIDPLUS) the message keeps its scheme name.
     *
     * @param wrappedBytes the size of the file the message wraps, or -1 (see {@link StoredName})
     */
    static void name(AccountSession session, DavPath path, Optional<MessageRef> message, long wrappedBytes) {
        message.ifPresent(ref -> {
            if (wrappedBytes < 0 && MessageNames.name(session.account().summary(ref)).equals(path.leaf())) {
                session.names().remove(session.user(), ref);
            } else {
                session.names().put(session.user(), new StoredName(path, wrappedBytes), ref);
            }
        });
    }
}

package org.lemongate.webdav;

import java.util.Map;
import java.util.Optional;

import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;

/**
 * The names under which clients created messages, when those differ from the {@link MessageNames} scheme: a file
 * PUT as {@code report.eml} must be found, listed and fetched as {@code report.eml}. Per user, like locks.
 */
interface FileNames {

    /** Records that {@code name} names {@code message}, replacing what the path or the message was named before. */
    void put(String user, StoredName name, MessageRef message);

    /** The message a client-chosen name stands for. */
    Optional<MessageRef> find(String user, DavPath path);

    /** The client-chosen name of a message, if it has one. */
    Optional<StoredName> nameOf(String user, MessageRef message);

    /** The client-chosen names of the messages in one mailbox that have one. */
    Map<MessageRef, StoredName> inMailbox(String user, MailboxName mailbox);

    /** Re-roots the names of the messages in a renamed folder and its subfolders from {@code from} to {@code to}. */
    void renameFolder(String user, DavPath from, DavPath to);

    /** Forgets the names of all messages below a folder that is gone. */
    void removeBelow(String user, DavPath folder);

    /** Forgets the name of a message that is gone or has moved. */
    void remove(String user, MessageRef message);
}

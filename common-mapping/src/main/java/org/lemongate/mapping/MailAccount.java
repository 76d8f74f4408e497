package org.lemongate.mapping;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One authenticated user's mail, as every binding sees it. Obtained from {@link MailGateway#login}; cheap to hold
 * for the length of a request. Each call leases a pooled IMAP connection for its own duration only (streams lease
 * one per chunk), so an account object holds no connection between calls.
 *
 * <p>Every method throws {@link MailException} subclasses only: {@link MailException.InvalidInput} for bad
 * arguments before anything reaches IMAP, {@link MailException.NotFound}, {@link MailException.StaleState} for a
 * reference whose UIDVALIDITY has changed, {@link MailException.BackendUnavailable} when the server cannot be
 * reached or does not answer in time, and so on (see {@link ErrorCode}).
 */
public interface MailAccount {

    /** The login name. */
    String user();

    /** Capabilities and limits. Asks the IMAP server for its capabilities, so it uses a pooled connection. */
    ServiceInfo serviceInfo();

    /**
     * The limits the gateway enforces, the same as {@code serviceInfo().limits()} but without using an IMAP
     * connection: for the checks a binding makes on every request (page size, upload size, batch size).
     */
    Limits limits();

    /** Every mailbox of the user, parents before children, with roles, counters and subscription. */
    List<MailboxInfo> listMailboxes();

    /** One mailbox with its counters. */
    MailboxInfo mailbox(MailboxName name);

    /** Creates a mailbox (and missing parents, as IMAP CREATE does). */
    MailboxInfo createMailbox(MailboxName name);

    /** Renames or moves a mailbox with everything below it. */
    MailboxInfo renameMailbox(MailboxName from, MailboxName to);

    /** Deletes a mailbox and its messages. The inbox cannot be deleted. */
    void deleteMailbox(MailboxName name);

    /** Subscribes to or unsubscribes from a mailbox. */
    void setSubscribed(MailboxName name, boolean subscribed);

    /**
     * A page of message summaries matching {@code criteria}, in the page request's order. All summaries of a page come
     * from one IMAP FETCH.
     */
    Page<MessageSummary> listMessages(MailboxName mailbox, SearchCriteria criteria, PageRequest page);

    /** One message's summary. */
    MessageSummary summary(MessageRef ref);

    /** One message's summary and MIME structure. */
    MessageStructure structure(MessageRef ref);

    /** The raw RFC 822 bytes of a message, or a range of them, streamed by partial FETCH. */
    Content openRaw(MessageRef ref, ByteRange range);

    /**
     * One part's body, transfer-decoded (base64 and quoted-printable undone), or a range of the decoded bytes.
     *
     * @throws MailException.NotFound when the message has no such part
     */
    Content openPart(MessageRef ref, String partId, ByteRange range);

    /**
     * Copies an upload into the gateway's spool: in memory up to the configured threshold, beyond it in a temporary
     * file in the configured spool directory, with line endings normalised and the message's form checked. Bindings
     * use it for every body they append or submit; close the result when done.
     *
     * @throws MailException.TooLarge     when the upload exceeds the upload limit (reading stops there)
     * @throws MailException.InvalidInput when it is empty or not an RFC 5322 message
     * @throws java.io.IOException        when reading the upload fails
     */
    SpooledMessage spool(java.io.InputStream upload) throws java.io.IOException;

    /**
     * Stores a message, streamed from {@code message}.
     *
     * @param receivedDate the arrival time to record; now when empty
     * @return the new message's reference
     */
    MessageRef append(MailboxName mailbox, MessageSource message, Flags flags, Optional<Instant> receivedDate);

    /** Sets and clears flags on many messages; each result carries the message's flags afterwards. */
    List<ItemResult<Flags>> changeFlags(List<MessageRef> refs, FlagChange change);

    /** Copies messages; each result carries the copy's reference when the server reports it (UIDPLUS). */
    List<ItemResult<MessageRef>> copy(List<MessageRef> refs, MailboxName target);

    /** Moves messages; each result carries the new reference when the server reports it (UIDPLUS). */
    List<ItemResult<MessageRef>> move(List<MessageRef> refs, MailboxName target);

    /** Deletes messages; to Trash the result carries the reference in Trash, when known. */
    List<ItemResult<MessageRef>> delete(List<MessageRef> refs, DeleteMode mode);

    /** Removes every message of a mailbox for good; returns how many were removed. */
    long emptyMailbox(MailboxName mailbox);

    /** Storage use and limit, on servers with QUOTA. */
    Optional<Quota> quota();

    /**
     * Sends a message over SMTP to the recipients of its To, Cc and Bcc headers (Bcc is not transmitted) and keeps
     * a copy in the Sent mailbox.
     */
    SubmitResult submit(MessageSource message);

    /**
     * Builds a MIME message from a composition and attachments into the spool (memory, then a temporary file), with
     * Date and Message-ID set: text and HTML bodies in UTF-8 (quoted-printable), attachments base64, each read once
     * from its source. The result goes to {@link #submit(MessageSource)} like an upload; close it when done.
     *
     * @throws MailException.TooLarge     when the message would exceed the upload limit (building stops there)
     * @throws MailException.InvalidInput when an attachment cannot be read to its end
     */
    SpooledMessage compose(Composition composition, List<AttachmentSource> attachments);

    /**
     * The mailbox's current sync token: the starting point for {@link #changesSince}. A client that takes it should
     * list the mailbox afterwards (or before, and accept seeing a message twice) to hold its full state.
     */
    SyncToken syncToken(MailboxName mailbox);

    /**
     * One page of changes since {@code token}: new messages with their summaries, known messages whose flags changed,
     * and vanished messages, with the token for the next call. When {@link Changes#more()} is true, call again at once
     * with {@link Changes#next()}.
     *
     * @param maxChanges added plus changed messages per page, 1 to {@link Changes#MAX_PAGE}
     * @throws MailException.ResyncRequired when the changes cannot be computed (UIDVALIDITY changed, the server lost
     *                                      the state the token names, or the token is too coarse for this server)
     * @throws MailException.InvalidInput   when the token is for another mailbox
     */
    Changes changesSince(MailboxName mailbox, SyncToken token, int maxChanges);

    /** The current token of the mailbox list, the starting point for {@link #mailboxChangesSince}. */
    HierarchyToken hierarchyToken();

    /**
     * Mailboxes created and deleted since {@code token} (a rename is a deletion and a creation).
     *
     * @throws MailException.ResyncRequired when the token kept only a digest and the list has changed
     */
    HierarchyChanges mailboxChangesSince(HierarchyToken token);
}

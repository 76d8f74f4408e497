package org.lemongate.mapping.imap;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.lemongate.mapping.AttachmentSource;
import org.lemongate.mapping.ByteRange;
import org.lemongate.mapping.Composition;
import org.lemongate.mapping.Changes;
import org.lemongate.mapping.HierarchyChanges;
import org.lemongate.mapping.HierarchyToken;
import org.lemongate.mapping.SyncToken;
import org.lemongate.mapping.Content;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.DeleteMode;
import org.lemongate.mapping.FlagChange;
import org.lemongate.mapping.Flags;
import org.lemongate.mapping.ItemResult;
import org.lemongate.mapping.Limits;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxInfo;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.MessageSource;
import org.lemongate.mapping.MessageStructure;
import org.lemongate.mapping.MessageSummary;
import org.lemongate.mapping.Page;
import org.lemongate.mapping.PageRequest;
import org.lemongate.mapping.Quota;
import org.lemongate.mapping.SearchCriteria;
import org.lemongate.mapping.SpooledMessage;
import org.lemongate.mapping.ServiceInfo;
import org.lemongate.mapping.SubmitResult;

/** {@link MailAccount} over IMAP: routes each operation to the class that knows how to do it. */
final class ImapAccount implements MailAccount {

    /** An IMAP section part number: "1", "2.1", ... (bounded, so a hostile id cannot be long). */
    private static final Pattern PART_ID = Pattern.compile("[1-9][0-9]{0,5}(\\.[1-9][0-9]{0,5}){0,20}");

    private final Credentials credentials;
    private final MailboxDirectory mailboxes;
    private final MessageQueries queries;
    private final ContentReader content;
    private final MessageWriter writer;
    private final Submitter submitter;
    private final ChangeFeed changes;
    private final ImapGateway gateway;

    ImapAccount(ImapGateway gateway, Credentials credentials) {
        this.gateway = gateway;
        this.credentials = credentials;
        Imap imap = new Imap(gateway, credentials);
        this.mailboxes = new MailboxDirectory(imap);
        this.queries = new MessageQueries(imap);
        this.content = new ContentReader(imap, gateway.settings().fetchChunkBytes());
        this.writer = new MessageWriter(imap, mailboxes);
        this.submitter = new Submitter(imap, gateway, mailboxes);
        this.changes = new ChangeFeed(imap);
    }

    @Override
    public String user() {
        return credentials.user();
    }

    @Override
    public ServiceInfo serviceInfo() {
        return new ServiceInfo(gateway.version(), mailboxes.capabilities(), limits(),
                gateway.settings().smtp().isPresent());
    }

    @Override
    public Limits limits() {
        return gateway.settings().limits();
    }

    @Override
    public List<MailboxInfo> listMailboxes() {
        return mailboxes.list();
    }

    @Override
    public MailboxInfo mailbox(MailboxName name) {
        return mailboxes.get(name);
    }

    @Override
    public MailboxInfo createMailbox(MailboxName name) {
        return mailboxes.create(name);
    }

    @Override
    public MailboxInfo renameMailbox(MailboxName from, MailboxName to) {
        return mailboxes.rename(from, to);
    }

    @Override
    public void deleteMailbox(MailboxName name) {
        mailboxes.delete(name);
    }

    @Override
    public void setSubscribed(MailboxName name, boolean subscribed) {
        mailboxes.subscribe(name, subscribed);
    }

    @Override
    public Page<MessageSummary> listMessages(MailboxName mailbox, SearchCriteria criteria, PageRequest page) {
        return queries.list(mailbox, criteria, page);
    }

    @Override
    public MessageSummary summary(MessageRef ref) {
        return queries.summary(ref);
    }

    @Override
    public MessageStructure structure(MessageRef ref) {
        return queries.structure(ref);
    }

    @Override
    public Content openRaw(MessageRef ref, ByteRange range) {
        return content.raw(ref, range);
    }

    @Override
    public Content openPart(MessageRef ref, String partId, ByteRange range) {
        if (partId == null || !PART_ID.matcher(partId).matches()) {
            throw new MailException.InvalidInput("part", "part id '" + (partId == null ? "" : partId.replaceAll(
                    "\\p{Cntrl}", "?")) + "' is not an IMAP part number such as 1 or 2.1");
        }
        return content.part(queries.structure(ref), partId, range);
    }

    @Override
    public SpooledMessage spool(InputStream upload) throws IOException {
        BackendSettings s = gateway.settings();
        return SpooledMessage.spool(upload, s.limits().maxUploadBytes(), s.spoolThresholdBytes(), s.spoolDirectory());
    }

    @Override
    public MessageRef append(MailboxName mailbox, MessageSource message, Flags flags, Optional<Instant> receivedDate) {
        return writer.append(mailbox, message, flags, receivedDate);
    }

    @Override
    public List<ItemResult<Flags>> changeFlags(List<MessageRef> refs, FlagChange change) {
        return writer.changeFlags(refs, change);
    }

    @Override
    public List<ItemResult<MessageRef>> copy(List<MessageRef> refs, MailboxName target) {
        return writer.copy(refs, target);
    }

    @Override
    public List<ItemResult<MessageRef>> move(List<MessageRef> refs, MailboxName target) {
        return writer.move(refs, target);
    }

    @Override
    public List<ItemResult<MessageRef>> delete(List<MessageRef> refs, DeleteMode mode) {
        return writer.delete(refs, mode);
    }

    @Override
    public long emptyMailbox(MailboxName mailbox) {
        return writer.empty(mailbox);
    }

    @Override
    public Optional<Quota> quota() {
        return mailboxes.quota();
    }

    @Override
    public SubmitResult submit(MessageSource message) {
        return submitter.submit(message);
    }

    @Override
    public SpooledMessage compose(Composition composition, List<AttachmentSource> attachments) {
        BackendSettings s = gateway.settings();
        return Composer.compose(composition, attachments, s.limits().maxUploadBytes(), s.spoolThresholdBytes(),
                s.spoolDirectory());
    }

    @Override
    public SyncToken syncToken(MailboxName mailbox) {
        return changes.token(mailbox);
    }

    @Override
    public Changes changesSince(MailboxName mailbox, SyncToken token, int maxChanges) {
        return changes.since(mailbox, token, maxChanges);
    }

    @Override
    public HierarchyToken hierarchyToken() {
        return HierarchyToken.of(mailboxes.list());
    }

    @Override
    public HierarchyChanges mailboxChangesSince(HierarchyToken token) {
        return HierarchyChanges.between(token, mailboxes.list());
    }
}

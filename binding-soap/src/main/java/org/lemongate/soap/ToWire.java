package org.lemongate.soap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.lemongate.mapping.ChangedMessage;
import org.lemongate.mapping.Changes;
import org.lemongate.mapping.HierarchyChanges;
import org.lemongate.mapping.ItemResult;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxInfo;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.Page;
import org.lemongate.mapping.SubmitResult;
import org.lemongate.mapping.SystemFlag;
import org.lemongate.soap.wire.Address;
import org.lemongate.soap.wire.Error;
import org.lemongate.soap.wire.FaultCode;
import org.lemongate.soap.wire.Folder;
import org.lemongate.soap.wire.FolderChanges;
import org.lemongate.soap.wire.FolderRole;
import org.lemongate.soap.wire.FolderStatus;
import org.lemongate.soap.wire.FolderTreeChanges;
import org.lemongate.soap.wire.Limits;
import org.lemongate.soap.wire.MessageFlags;
import org.lemongate.soap.wire.MessageId;
import org.lemongate.soap.wire.MessagePage;
import org.lemongate.soap.wire.MessageResult;
import org.lemongate.soap.wire.MessageSummary;
import org.lemongate.soap.wire.MimePart;
import org.lemongate.soap.wire.SendResult;
import org.lemongate.soap.wire.ServiceInfo;

/** Domain values to the contract's generated types. Nothing here talks to IMAP. */
final class ToWire {

    private ToWire() {
    }

    static ServiceInfo serviceInfo(String user, org.lemongate.mapping.ServiceInfo info, Duration maxHold) {
        ServiceInfo wire = new ServiceInfo();
        wire.setGatewayVersion(info.gatewayVersion());
        wire.setUser(user);
        wire.getCapability().addAll(info.serverCapabilities().stream().sorted().toList());
        Limits limits = new Limits();
        limits.setMaxPageSize(info.limits().maxPageSize());
        limits.setMaxUploadBytes(info.limits().maxUploadBytes());
        limits.setMaxBatchItems(info.limits().maxBatchItems());
        limits.setMaxSyncChanges(Changes.MAX_PAGE);
        limits.setMaxWaitSeconds(maxHold.toSeconds());
        wire.setLimits(limits);
        wire.setSubmission(info.submission());
        return wire;
    }

    static Folder folder(MailboxInfo info) {
        Folder wire = new Folder();
        wire.setName(info.name().path());
        wire.setRole(FolderRole.valueOf(info.role().name()));
        wire.setSelectable(info.selectable());
        wire.setHasChildren(info.hasChildren());
        wire.setSubscribed(info.subscribed());
        info.status().ifPresent(s -> {
            FolderStatus status = new FolderStatus();
            status.setMessages(s.messages());
            status.setUnseen(s.unseen());
            status.setUidValidity(s.uidValidity());
            status.setUidNext(s.uidNext());
            s.highestModSeq().ifPresent(m -> status.setHighestModSeq(java.math.BigInteger.valueOf(m)));
            wire.setStatus(status);
        });
        return wire;
    }

    static List<Folder> folders(List<MailboxInfo> mailboxes) {
        return mailboxes.stream().map(ToWire::folder).toList();
    }

    static MessageId messageId(MessageRef ref) {
        MessageId wire = new MessageId();
        wire.setFolder(ref.mailbox().path());
        wire.setUidValidity(ref.uidValidity());
        wire.setUid(ref.uid());
        return wire;
    }

    static List<String> flags(org.lemongate.mapping.Flags flags) {
        List<String> wire = new ArrayList<>();
        for (SystemFlag f : SystemFlag.values()) {
            if (flags.has(f)) {
                wire.add(f.imapName());
            }
        }
        flags.keywords().stream().map(k -> k.name()).sorted().forEach(wire::add);
        return wire;
    }

    static MessageSummary summary(org.lemongate.mapping.MessageSummary summary) {
        MessageSummary wire = new MessageSummary();
        wire.setId(messageId(summary.ref()));
        wire.setSubject(summary.subject());
        summary.from().forEach(a -> wire.getFrom().add(address(a)));
        summary.to().forEach(a -> wire.getTo().add(address(a)));
        summary.cc().forEach(a -> wire.getCc().add(address(a)));
        summary.sentDate().ifPresent(d -> wire.setSentDate(Times.toWire(d)));
        wire.setReceivedDate(Times.toWire(summary.receivedDate()));
        wire.setSize(summary.size());
        wire.getFlag().addAll(flags(summary.flags()));
        wire.setHasAttachments(summary.hasAttachments());
        if (!summary.messageId().isEmpty()) {
            wire.setMessageId(summary.messageId());
        }
        return wire;
    }

    static MessagePage page(Page<org.lemongate.mapping.MessageSummary> page) {
        MessagePage wire = new MessagePage();
        page.items().forEach(s -> wire.getMessage().add(summary(s)));
        page.next().ifPresent(c -> wire.setNextPageToken(c.token()));
        wire.setTotal(page.total());
        return wire;
    }

    static MimePart part(org.lemongate.mapping.MimePart part) {
        MimePart wire = new MimePart();
        wire.setPartId(part.partId());
        wire.setContentType(part.contentType());
        part.charset().ifPresent(wire::setCharset);
        part.filename().ifPresent(wire::setFilename);
        if (!part.disposition().isEmpty()) {
            wire.setDisposition(part.disposition());
        }
        wire.setEncoding(part.encoding());
        wire.setSize(part.size());
        part.contentId().ifPresent(wire::setContentId);
        wire.setAttachment(part.isAttachment());
        part.children().forEach(c -> wire.getPart().add(part(c)));
        return wire;
    }

    /** Outcomes of a move, copy or delete: the new id where the server reported one. */
    static List<MessageResult> movedResults(List<ItemResult<MessageRef>> items) {
        return items.stream().map(item -> {
            MessageResult wire = outcome(item);
            item.value().ifPresent(ref -> wire.setNewId(messageId(ref)));
            return wire;
        }).toList();
    }

    /** Outcomes of a flag change: each message's flags afterwards. */
    static List<MessageResult> flagResults(List<ItemResult<org.lemongate.mapping.Flags>> items) {
        return items.stream().map(item -> {
            MessageResult wire = outcome(item);
            item.value().ifPresent(f -> wire.getFlag().addAll(flags(f)));
            return wire;
        }).toList();
    }

    private static MessageResult outcome(ItemResult<?> item) {
        MessageResult wire = new MessageResult();
        wire.setId(messageId(item.ref()));
        wire.setSucceeded(item.ok());
        item.error().ifPresent(e -> wire.setError(error(e)));
        return wire;
    }

    static SendResult sendResult(SubmitResult result) {
        SendResult wire = new SendResult();
        wire.setMessageId(result.messageId());
        wire.getRecipient().addAll(result.recipients());
        result.sentCopy().ifPresent(ref -> wire.setSentCopy(messageId(ref)));
        return wire;
    }

    private static Error error(MailException e) {
        Error wire = new Error();
        wire.setCode(FaultCode.valueOf(e.code().name()));
        wire.setMessage(e.getMessage());
        return wire;
    }

    private static Address address(org.lemongate.mapping.Address address) {
        Address wire = new Address();
        if (!address.name().isEmpty()) {
            wire.setName(address.name());
        }
        wire.setEmail(address.email());
        return wire;
    }

    static FolderChanges changes(Changes changes) {
        FolderChanges wire = new FolderChanges();
        changes.added().forEach(s -> wire.getAdded().add(summary(s)));
        for (ChangedMessage changed : changes.changed()) {
            MessageFlags flags = new MessageFlags();
            flags.setId(messageId(changed.ref()));
            flags.getFlag().addAll(flags(changed.flags()));
            wire.getChanged().add(flags);
        }
        changes.vanished().forEach(ref -> wire.getVanished().add(messageId(ref)));
        wire.setMore(changes.more());
        wire.setSyncState(changes.next().token());
        return wire;
    }

    static FolderTreeChanges treeChanges(HierarchyChanges changes) {
        FolderTreeChanges wire = new FolderTreeChanges();
        wire.getCreated().addAll(folders(changes.created()));
        changes.deleted().forEach(name -> wire.getDeleted().add(name.path()));
        wire.setSyncState(changes.next().token());
        return wire;
    }
}

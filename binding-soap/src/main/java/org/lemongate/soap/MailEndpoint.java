package org.lemongate.soap;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import javax.xml.datatype.XMLGregorianCalendar;

import jakarta.activation.DataHandler;
import jakarta.jws.WebService;
import jakarta.xml.ws.AsyncHandler;
import jakarta.xml.ws.Response;

import org.apache.cxf.annotations.UseAsyncMethod;
import org.apache.cxf.jaxws.ServerAsyncResponse;

import org.lemongate.mapping.Changes;
import org.lemongate.mapping.DeleteMode;
import org.lemongate.mapping.FlagChange;
import org.lemongate.mapping.HierarchyChanges;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxName;
import org.lemongate.soap.wire.Content;
import org.lemongate.soap.wire.Folder;
import org.lemongate.soap.wire.FolderChanges;
import org.lemongate.soap.wire.FolderTreeChanges;
import org.lemongate.soap.wire.MailPortType;
import org.lemongate.soap.wire.MailboxFault;
import org.lemongate.soap.wire.Message;
import org.lemongate.soap.wire.MessageId;
import org.lemongate.soap.wire.MessagePage;
import org.lemongate.soap.wire.MessageResult;
import org.lemongate.soap.wire.SearchCriteria;
import org.lemongate.soap.wire.SendResult;
import org.lemongate.soap.wire.ServiceInfo;
import org.lemongate.soap.wire.SortOrder;
import org.lemongate.soap.wire.WaitForChangesResponse;

/**
 * The contract's operations: each reads its wire arguments into domain values, makes one call on the caller's
 * {@link org.lemongate.mapping.MailAccount}, and writes the answer back in wire types. Content transfer lives in
 * {@link ContentTransfer}. Public and not final because JAX-WS requires that of an implementor; its constructor is
 * the binding's own.
 */
@WebService(endpointInterface = "org.lemongate.soap.wire.MailPortType", targetNamespace = Ports.NAMESPACE,
        serviceName = "MailService", portName = "MailPort", wsdlLocation = Ports.WSDL)
public class MailEndpoint implements MailPortType {

    private final AccountCalls calls;
    private final ChangeWaits waits;
    private final ContentTransfer content = new ContentTransfer();

    MailEndpoint(AccountCalls calls, ChangeWaits waits) {
        this.calls = calls;
        this.waits = waits;
    }

    @Override
    public ServiceInfo getServiceInfo() throws MailboxFault {
        return calls.run(account -> ToWire.serviceInfo(account.user(), account.serviceInfo(), waits.maxHold()));
    }

    @Override
    public List<Folder> listFolders() throws MailboxFault {
        return calls.run(account -> ToWire.folders(account.listMailboxes()));
    }

    @Override
    public Folder getFolder(String name) throws MailboxFault {
        return calls.run(account -> ToWire.folder(account.mailbox(FromWire.folder("name", name))));
    }

    @Override
    public Folder createFolder(String name) throws MailboxFault {
        return calls.run(account -> ToWire.folder(account.createMailbox(FromWire.folder("name", name))));
    }

    @Override
    public Folder renameFolder(String name, String newName) throws MailboxFault {
        return calls.run(account -> ToWire.folder(account.renameMailbox(
                FromWire.folder("name", name), FromWire.folder("newName", newName))));
    }

    @Override
    public void deleteFolder(String name) throws MailboxFault {
        calls.run(account -> {
            account.deleteMailbox(FromWire.folder("name", name));
            return null;
        });
    }

    @Override
    public MessagePage listMessages(String folder, Long pageSize, String pageToken, SortOrder order)
            throws MailboxFault {
        return calls.run(account -> ToWire.page(account.listMessages(FromWire.folder("folder", folder),
                org.lemongate.mapping.SearchCriteria.ALL, FromWire.page(pageSize, pageToken, order))));
    }

    @Override
    public MessagePage searchMessages(String folder, SearchCriteria criteria, Long pageSize, String pageToken,
                                      SortOrder order) throws MailboxFault {
        return calls.run(account -> ToWire.page(account.listMessages(FromWire.folder("folder", folder),
                FromWire.criteria(criteria), FromWire.page(pageSize, pageToken, order))));
    }

    @Override
    public Message getMessage(MessageId id) throws MailboxFault {
        return calls.run(account -> {
            org.lemongate.mapping.MessageStructure structure = account.structure(FromWire.ref(id));
            Message wire = new Message();
            wire.setSummary(ToWire.summary(structure.summary()));
            wire.setStructure(ToWire.part(structure.root()));
            return wire;
        });
    }

    @Override
    public Content getMessageMime(MessageId id, Long offset, Long length) throws MailboxFault {
        return calls.run(account -> content.send(
                account.openRaw(FromWire.ref(id), ContentTransfer.range(offset, length))));
    }

    @Override
    public Content getAttachment(MessageId id, String partId, Long offset, Long length) throws MailboxFault {
        return calls.run(account -> content.send(account.openPart(FromWire.ref(id),
                ContentTransfer.partId(partId), ContentTransfer.range(offset, length))));
    }

    @Override
    public MessageId appendMessage(String folder, DataHandler mime, List<String> flag,
                                   XMLGregorianCalendar receivedDate) throws MailboxFault {
        return calls.run(account -> ToWire.messageId(content.receive(account, mime, message -> account.append(
                FromWire.folder("folder", folder), message, FromWire.flags("flag", flag),
                java.util.Optional.ofNullable(receivedDate).map(d -> Times.fromWire("receivedDate", d))))));
    }

    @Override
    public SendResult sendMessage(DataHandler mime) throws MailboxFault {
        return calls.run(account -> ToWire.sendResult(content.receive(account, mime, account::submit)));
    }

    @Override
    public List<MessageResult> setFlags(List<MessageId> id, List<String> add, List<String> remove)
            throws MailboxFault {
        return calls.run(account -> ToWire.flagResults(account.changeFlags(
                FromWire.refs(id),
                new FlagChange(FromWire.flags("add", add), FromWire.flags("remove", remove)))));
    }

    @Override
    public List<MessageResult> moveMessages(List<MessageId> id, String target) throws MailboxFault {
        return calls.run(account -> ToWire.movedResults(account.move(
                FromWire.refs(id), FromWire.folder("target", target))));
    }

    @Override
    public List<MessageResult> copyMessages(List<MessageId> id, String target) throws MailboxFault {
        return calls.run(account -> ToWire.movedResults(account.copy(
                FromWire.refs(id), FromWire.folder("target", target))));
    }

    @Override
    public List<MessageResult> deleteMessages(List<MessageId> id, Boolean permanent) throws MailboxFault {
        return calls.run(account -> ToWire.movedResults(account.delete(
                FromWire.refs(id),
                Boolean.TRUE.equals(permanent) ? DeleteMode.PERMANENT : DeleteMode.TO_TRASH)));
    }

    @Override
    public long emptyFolder(String folder) throws MailboxFault {
        return calls.run(account -> account.emptyMailbox(FromWire.folder("folder", folder)));
    }

    @Override
    public FolderChanges syncFolder(String folder, String syncState, Long maxChanges) throws MailboxFault {
        return calls.run(account -> {
            MailboxName name = FromWire.folder("folder", folder);
            int max = FromWire.maxChanges(maxChanges);
            Changes changes = FromWire.syncState(name, syncState)
                    .map(token -> account.changesSince(name, token, max))
                    .orElseGet(() -> new Changes(List.of(), List.of(), List.of(), false, account.syncToken(name)));
            return ToWire.changes(changes);
        });
    }

    @Override
    public FolderTreeChanges syncFolderHierarchy(String syncState) throws MailboxFault {
        return calls.run(account -> ToWire.treeChanges(syncState == null
                ? new HierarchyChanges(List.of(), List.of(), account.hierarchyToken())
                : account.mailboxChangesSince(FromWire.folderTreeState(syncState))));
    }

    /**
     * WaitForChanges where the container cannot suspend a request (no servlet async support): the wait holds this
     * thread, and {@link ChangeWaits#MAX_WAITS} bounds how many do. CXF calls the asynchronous form below instead
     * whenever it can.
     */
    @Override
    @UseAsyncMethod
    public FolderChanges waitForChanges(String folder, String syncState, Long maxWaitSeconds, Long maxChanges)
            throws MailboxFault {
        CompletableFuture<Changes> waiting = startWait(folder, syncState, maxWaitSeconds, maxChanges);
        try {
            return ToWire.changes(waiting.join());
        } catch (CompletionException e) {
            throw fault(e.getCause());
        }
    }

    /** WaitForChanges without holding a thread: CXF suspends the request until {@code handler} hears the answer. */
    @Override
    public Future<?> waitForChangesAsync(String folder, String syncState, Long maxWaitSeconds, Long maxChanges,
                                         AsyncHandler<WaitForChangesResponse> handler) {
        ServerAsyncResponse<WaitForChangesResponse> response = new ServerAsyncResponse<>();
        CompletableFuture<Changes> waiting;
        try {
            waiting = startWait(folder, syncState, maxWaitSeconds, maxChanges);
        } catch (MailboxFault fault) {
            response.exception(fault);
            handler.handleResponse(response);
            return response;
        }
        waiting.whenComplete((changes, error) -> {
            if (error == null) {
                WaitForChangesResponse reply = new WaitForChangesResponse();
                reply.setChanges(ToWire.changes(changes));
                response.set(reply);
            } else {
                response.exception(fault(error instanceof CompletionException ? error.getCause() : error));
            }
            handler.handleResponse(response);
        });
        return response;
    }

    @Override
    public Response<WaitForChangesResponse> waitForChangesAsync(String folder, String syncState, Long maxWaitSeconds,
                                                                Long maxChanges) {
        ServerAsyncResponse<WaitForChangesResponse> response = new ServerAsyncResponse<>();
        waitForChangesAsync(folder, syncState, maxWaitSeconds, maxChanges, answer -> {
            try {
                response.set(answer.get());
            } catch (ExecutionException e) {
                response.exception(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                response.exception(e);
            }
        });
        return response;
    }

    private CompletableFuture<Changes> startWait(String folder, String syncState, Long maxWaitSeconds,
                                                 Long maxChanges) throws MailboxFault {
        return calls.runAsCaller((credentials, account) -> {
            MailboxName name = FromWire.folder("folder", folder);
            if (syncState == null) {
                throw new MailException.InvalidInput("syncState", "syncState is missing; SyncFolder gives one");
            }
            return waits.start(credentials, account, name, FromWire.syncState(name, syncState).orElseThrow(),
                    FromWire.maxChanges(maxChanges), FromWire.hold(maxWaitSeconds, waits.maxHold()));
        });
    }

    private static MailboxFault fault(Throwable error) {
        if (error instanceof MailException e) {
            return Faults.of(e);
        }
        if (error instanceof RuntimeException e) {
            return AccountCalls.unexpected(e);
        }
        return AccountCalls.unexpected(new IllegalStateException(error));
    }
}

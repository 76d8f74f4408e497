package org.lemongate.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.xml.ws.BindingProvider;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lemongate.mapping.Changes;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.SyncToken;
import org.lemongate.soap.wire.FaultCode;
import org.lemongate.soap.wire.FolderChanges;
import org.lemongate.soap.wire.FolderTreeChanges;
import org.lemongate.soap.wire.MailPortType;
import org.lemongate.soap.wire.MailService;
import org.lemongate.soap.wire.MailboxFault;
import org.lemongate.soap.wire.MessageSummary;

/**
 * SyncFolder, SyncFolderHierarchy and WaitForChanges against Dovecot (CONDSTORE/QRESYNC), called with the Java
 * client wsdl2java generates, while a second IMAP session plays the user's other device.
 */
class SyncOperationsTest {

    @RegisterExtension
    static final SoapTestGateway gateway = SoapTestGateway.withDovecot();
    private static MailService service;

    @BeforeAll
    static void client() throws Exception {
        service = new MailService(gateway.uri("/soap/mail?wsdl").toURL());
    }

    private static MailPortType port() {
        return authenticated(service.getMailPort());
    }

    /** A port of the generated client that sends the test user's credentials. */
    static MailPortType authenticated(MailPortType port) {
        Map<String, Object> context = ((BindingProvider) port).getRequestContext();
        context.put(BindingProvider.USERNAME_PROPERTY, SoapTestGateway.USER);
        context.put(BindingProvider.PASSWORD_PROPERTY, SoapTestGateway.PASSWORD);
        return port;
    }

    private static List<String> messageIds(FolderChanges changes) {
        return changes.getAdded().stream().map(MessageSummary::getMessageId).toList();
    }

    @Test
    void syncFolderSeesNewChangedAndVanishedMessages() throws Exception {
        MailPortType port = port();
        try (ImapSession imap = new ImapSession(gateway.dovecot())) {
            FolderChanges start = port.syncFolder("INBOX", null, null);
            assertTrue(start.getAdded().isEmpty() && !start.isMore(), "a first call only gives the starting state");
            long kept = imap.append("kept@sync.test");
            long gone = imap.append("gone@sync.test");

            FolderChanges added = port.syncFolder("INBOX", start.getSyncState(), null);
            assertEquals(List.of("<kept@sync.test>", "<gone@sync.test>"), messageIds(added));
            assertTrue(added.getChanged().isEmpty() && added.getVanished().isEmpty());

            imap.flag(kept);
            imap.expunge(gone);
            FolderChanges later = port.syncFolder("INBOX", added.getSyncState(), null);
            assertTrue(later.getAdded().isEmpty(), "nothing is reported twice");
            assertEquals(1, later.getChanged().size());
            assertEquals(kept, later.getChanged().get(0).getId().getUid());
            assertTrue(later.getChanged().get(0).getFlag().contains("\\Flagged"), later.getChanged().get(0).getFlag().toString());
            assertEquals(List.of(gone), later.getVanished().stream().map(id -> id.getUid()).toList());

            FolderChanges quiet = port.syncFolder("INBOX", later.getSyncState(), null);
            assertTrue(quiet.getAdded().isEmpty() && quiet.getChanged().isEmpty() && quiet.getVanished().isEmpty());
        }
    }

    @Test
    void syncFolderPagesWithMaxChanges() throws Exception {
        MailPortType port = port();
        try (ImapSession imap = new ImapSession(gateway.dovecot())) {
            String state = port.syncFolder("INBOX", null, null).getSyncState();
            for (int i = 0; i < 5; i++) {
                imap.append("page-" + i + "@sync.test");
            }
            FolderChanges first = port.syncFolder("INBOX", state, 2L);
            assertEquals(List.of("<page-0@sync.test>", "<page-1@sync.test>"), messageIds(first));
            assertTrue(first.isMore());
            FolderChanges second = port.syncFolder("INBOX", first.getSyncState(), 2L);
            FolderChanges third = port.syncFolder("INBOX", second.getSyncState(), 2L);
            assertEquals(List.of("<page-2@sync.test>", "<page-3@sync.test>"), messageIds(second));
            assertEquals(List.of("<page-4@sync.test>"), messageIds(third));
            assertFalse(third.isMore());
        }
    }

    @Test
    void waitForChangesAnswersWithinASecondOfAnAppend() throws Exception {
        MailPortType port = port();
        try (ImapSession imap = new ImapSession(gateway.dovecot())) {
            String state = port.syncFolder("INBOX", null, null).getSyncState();
            CompletableFuture<FolderChanges> waiting =
                    CompletableFuture.supplyAsync(() -> call(() -> port().waitForChanges("INBOX", state, 20L, null)));
            Thread.sleep(1500);
            assertFalse(waiting.isDone(), "nothing has changed yet, so the request is held");
            long appended = System.nanoTime();
            imap.append("wake-up@sync.test");
            FolderChanges changes = waiting.get(10, TimeUnit.SECONDS);
            Duration latency = Duration.ofNanos(System.nanoTime() - appended);
            assertEquals(List.of("<wake-up@sync.test>"), messageIds(changes));
            assertTrue(latency.compareTo(Duration.ofSeconds(1)) < 0, "answered " + latency + " after the APPEND");
        }
    }

    @Test
    void waitForChangesComesBackEmptyAfterItsHold() throws Exception {
        MailPortType port = port();
        String state = port.syncFolder("INBOX", null, null).getSyncState();
        long started = System.nanoTime();
        FolderChanges changes = port.waitForChanges("INBOX", state, 2L, null);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(changes.getAdded().isEmpty() && changes.getChanged().isEmpty() && changes.getVanished().isEmpty());
        assertFalse(changes.isMore());
        assertTrue(took.compareTo(Duration.ofMillis(1900)) >= 0 && took.compareTo(Duration.ofSeconds(5)) < 0,
                "held " + took);
        assertTrue(port.syncFolder("INBOX", changes.getSyncState(), null).getAdded().isEmpty(),
                "the state it gives back is as good as the one sent");
    }

    @Test
    void manyWaitsHoldNoThreadEachAndOneAppendWakesThemAll() throws Exception {
        String state = port().syncFolder("INBOX", null, null).getSyncState();
        // More waits than Undertow has worker threads (8 per core): suspended rather than each holding a thread,
        // so an ordinary call is answered while they wait, and one APPEND wakes every one of them.
        ExecutorService clients = Executors.newFixedThreadPool(40);
        try (ImapSession imap = new ImapSession(gateway.dovecot())) {
            List<Future<SoapResponse>> waits = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                waits.add(clients.submit(() -> gateway.call(SoapRequest.soap11("WaitForChanges",
                        "<m:folder>INBOX</m:folder><m:syncState>" + state + "</m:syncState>"
                                + "<m:maxWaitSeconds>20</m:maxWaitSeconds>"))));
            }
            Thread.sleep(2000);
            SoapResponse folders = gateway.call(SoapRequest.soap11("ListFolders", ""));
            assertEquals(200, folders.status(), folders.body());
            assertTrue(waits.stream().noneMatch(Future::isDone), "the waits are still held");
            imap.append("everyone@sync.test");
            for (Future<SoapResponse> wait : waits) {
                SoapResponse r = wait.get(15, TimeUnit.SECONDS);
                assertEquals(200, r.status(), r.body());
                assertEquals(List.of("<everyone@sync.test>"), r.texts("//m:changes/m:added/m:messageId"));
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void closingTheBindingAnswersHeldWaitsAtOnce() throws Exception {
        Credentials credentials = Credentials.password(SoapTestGateway.USER, SoapTestGateway.PASSWORD, "127.0.0.1");
        MailAccount account = gateway.mailGateway().login(credentials);
        SyncToken token = account.syncToken(MailboxName.INBOX);
        ChangeWaits waits = new ChangeWaits(gateway.mailGateway(), ChangeWaits.DEFAULT_MAX_HOLD);
        CompletableFuture<Changes> held = waits.start(credentials, account, MailboxName.INBOX, token, 10,
                Duration.ofSeconds(20));
        assertFalse(held.isDone());
        waits.close();
        Changes answer = held.get(2, TimeUnit.SECONDS);
        assertTrue(answer.isEmpty());
        assertEquals(token.token(), answer.next().token());
    }

    @Test
    void aConfiguredShorterHoldIsTheLongestGrantedAndRefusesMore() throws Exception {
        Credentials credentials = Credentials.password(SoapTestGateway.USER, SoapTestGateway.PASSWORD, "127.0.0.1");
        MailAccount account = gateway.mailGateway().login(credentials);
        SyncToken token = account.syncToken(MailboxName.INBOX);
        try (ChangeWaits waits = new ChangeWaits(gateway.mailGateway(), Duration.ofSeconds(8))) {
            assertEquals(Duration.ofSeconds(8), FromWire.hold(null, waits.maxHold()));
            MailException.InvalidInput refused = assertThrows(MailException.InvalidInput.class,
                    () -> waits.start(credentials, account, MailboxName.INBOX, token, 10, Duration.ofSeconds(9)));
            assertEquals("maxWaitSeconds", refused.field());
            assertTrue(refused.getMessage().contains("0 to 8 seconds"), refused.getMessage());
            CompletableFuture<Changes> held = waits.start(credentials, account, MailboxName.INBOX, token, 10,
                    Duration.ofSeconds(8));
            assertFalse(held.isDone(), "a hold of exactly the maximum is granted");
        }
    }

    @Test
    void aTokenFromBeforeTheFolderWasRecreatedIsStaleState() throws Exception {
        MailPortType port = port();
        port.createFolder("Recreated");
        String state = port.syncFolder("Recreated", null, null).getSyncState();
        port.deleteFolder("Recreated");
        port.createFolder("Recreated");
        MailboxFault fault = assertThrows(MailboxFault.class, () -> port.syncFolder("Recreated", state, null));
        assertEquals(FaultCode.STALE_STATE, fault.getFaultInfo().getCode());
        MailboxFault waitFault = assertThrows(MailboxFault.class, () -> port.waitForChanges("Recreated", state, 2L, null));
        assertEquals(FaultCode.STALE_STATE, waitFault.getFaultInfo().getCode());
    }

    @Test
    void aTokenOfAnotherFolderOrDamagedIsInvalidInput() throws Exception {
        MailPortType port = port();
        String inbox = port.syncFolder("INBOX", null, null).getSyncState();
        port.createFolder("Other");
        MailboxFault other = assertThrows(MailboxFault.class, () -> port.syncFolder("Other", inbox, null));
        assertEquals(FaultCode.INVALID_INPUT, other.getFaultInfo().getCode());
        assertEquals("syncState", other.getFaultInfo().getField());
        MailboxFault damaged = assertThrows(MailboxFault.class,
                () -> port.waitForChanges("INBOX", "x" + inbox.substring(1), 1L, null));
        assertEquals(FaultCode.INVALID_INPUT, damaged.getFaultInfo().getCode());
    }

    @Test
    void syncFolderHierarchySeesCreatedAndDeletedFolders() throws Exception {
        MailPortType port = port();
        FolderTreeChanges start = port.syncFolderHierarchy(null);
        assertTrue(start.getCreated().isEmpty() && start.getDeleted().isEmpty());
        port.createFolder("Projects");
        port.createFolder("Old");
        FolderTreeChanges created = port.syncFolderHierarchy(start.getSyncState());
        assertEquals(List.of("Old", "Projects"), created.getCreated().stream().map(f -> f.getName()).sorted().toList());
        port.renameFolder("Projects", "Projects 2026");
        port.deleteFolder("Old");
        FolderTreeChanges changed = port.syncFolderHierarchy(created.getSyncState());
        assertEquals(List.of("Projects 2026"), changed.getCreated().stream().map(f -> f.getName()).toList());
        assertEquals(List.of("Old", "Projects"), changed.getDeleted().stream().sorted().toList());
        assertNotEquals(created.getSyncState(), changed.getSyncState());
    }

    @Test
    void serviceInfoAdvertisesTheSyncLimits() throws Exception {
        var limits = port().getServiceInfo().getLimits();
        assertEquals(25, limits.getMaxWaitSeconds());
        assertEquals(1000, limits.getMaxSyncChanges());
    }

    /** A SOAP call whose checked fault fails the calling future. */
    interface Call<T> {
        T run() throws MailboxFault;
    }

    static <T> T call(Call<T> call) {
        try {
            return call.run();
        } catch (MailboxFault e) {
            throw new IllegalStateException(e.getFaultInfo().getCode() + ": " + e.getMessage(), e);
        }
    }
}

package org.lemongate.mapping.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lemongate.mapping.contract.MailAssertions.assertFails;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.lemongate.mapping.ErrorCode;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxInfo;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MailboxRole;
import org.lemongate.mapping.MailboxStatus;
import org.lemongate.mapping.ServiceInfo;

/** Service information and the mailbox operations: listing, create, rename, delete, subscribe. */
public interface MailboxContract {

    MailboxName ETE = MailboxName.of("Été 2026");
    MailboxName REPORTS = MailboxName.of("Reports & Notes");
    MailboxName SPACE = MailboxName.of("with space");

    MailBackend backend();

    @Test
    default void serviceInfoDescribesServerAndLimits() {
        ServiceInfo info = TestUser.create(backend()).account().serviceInfo();
        assertFalse(info.gatewayVersion().isBlank());
        assertTrue(info.has("IMAP4rev1"), () -> "capabilities: " + info.serverCapabilities());
        assertEquals(backend().settings().limits(), info.limits());
        assertEquals(info.limits(), TestUser.create(backend()).account().limits());
        assertEquals(backend().settings().smtp().isPresent(), info.submission());
    }

    @Test
    default void listsTheInboxWithRoleAndCounters() {
        TestUser user = TestUser.create(backend());
        user.seed(MailboxName.INBOX, Samples.bytes(Samples.QUARTERLY), Samples.EPOCH, "\\Seen");
        user.seed(MailboxName.INBOX, Samples.bytes(Samples.TRIP), Samples.EPOCH);
        MailboxInfo inbox = byName(user.account().listMailboxes()).get(MailboxName.INBOX);
        assertEquals(MailboxRole.INBOX, inbox.role());
        assertTrue(inbox.selectable());
        MailboxStatus status = inbox.status().orElseThrow();
        assertEquals(2, status.messages());
        assertEquals(1, status.unseen());
        assertEquals(user.status(MailboxName.INBOX, "UIDVALIDITY"), status.uidValidity());
        assertEquals(user.status(MailboxName.INBOX, "UIDNEXT"), status.uidNext());
        assertEquals(user.account().serviceInfo().has("CONDSTORE"), status.highestModSeq().isPresent(),
                "HIGHESTMODSEQ exactly where the server has CONDSTORE");
        assertEquals(inbox, user.account().mailbox(MailboxName.of("inbox")));
    }

    @Test
    default void listsSpecialUseRoles() {
        Map<MailboxName, MailboxInfo> listed = byName(TestUser.create(backend()).account().listMailboxes());
        backend().specialUse().forEach((name, role) -> {
            assertTrue(listed.containsKey(name), () -> name + " missing from " + listed.keySet());
            assertEquals(role, listed.get(name).role(), name::toString);
        });
    }

    @Test
    default void createsMailboxesWithOddNamesThatOtherClientsSeeCorrectly() {
        TestUser user = TestUser.create(backend());
        for (MailboxName name : List.of(ETE, REPORTS, SPACE)) {
            MailboxInfo created = user.account().createMailbox(name);
            assertEquals(name, created.name());
            assertEquals(0, created.status().orElseThrow().messages());
        }
        Map<MailboxName, MailboxInfo> listed = byName(user.account().listMailboxes());
        assertTrue(listed.keySet().containsAll(List.of(ETE, REPORTS, SPACE)), listed.keySet()::toString);
        try (ImapSession imap = user.imap()) {
            List<String> onServer = imap.list();
            assertTrue(onServer.contains("&AMk-t&AOk- 2026"), () -> "modified UTF-7 on the server: " + onServer);
            assertTrue(onServer.contains("Reports &- Notes"), onServer::toString);
            assertTrue(onServer.contains("with space"), onServer::toString);
        }
    }

    @Test
    default void createsMissingParentsAndListsParentsBeforeChildren() {
        TestUser user = TestUser.create(backend());
        MailboxName leaf = MailboxName.of("Projects/Été 2026/Reports & Notes");
        user.account().createMailbox(leaf);
        user.account().createMailbox(MailboxName.of("Projects/with space"));
        List<MailboxInfo> listed = user.account().listMailboxes();
        Map<MailboxName, MailboxInfo> byName = byName(listed);
        for (String name : List.of("Projects", "Projects/Été 2026", "Projects/Été 2026/Reports & Notes",
                "Projects/with space")) {
            assertTrue(byName.containsKey(MailboxName.of(name)), () -> name + " missing from " + byName.keySet());
        }
        assertTrue(byName.get(MailboxName.of("Projects")).hasChildren());
        assertTrue(byName.get(MailboxName.of("Projects/Été 2026")).hasChildren());
        assertFalse(byName.get(leaf).hasChildren());
        assertTrue(byName.get(leaf).selectable());
        for (int i = 0; i < listed.size(); i++) {
            Optional<MailboxName> parent = listed.get(i).name().parent();
            int at = i;
            parent.filter(byName::containsKey).ifPresent(p -> assertTrue(indexOf(listed, p) < at,
                    () -> p + " listed after its child " + listed.get(at).name()));
        }
    }

    @Test
    default void renamesAMailboxWithEverythingBelowIt() {
        TestUser user = TestUser.create(backend());
        MailboxName child = ETE.child("with space");
        user.account().createMailbox(child);
        user.seed(child, Samples.bytes(Samples.QUARTERLY), Samples.EPOCH);
        MailboxName target = MailboxName.of("Old/Été 2026");
        user.account().createMailbox(target.parent().orElseThrow());
        assertEquals(target, user.account().renameMailbox(ETE, target).name());
        assertEquals(1, user.account().mailbox(target.child("with space")).status().orElseThrow().messages());
        assertFails(MailException.NotFound.class, () -> user.account().mailbox(ETE));
        assertFails(MailException.NotFound.class, () -> user.account().mailbox(child));
        assertFalse(byName(user.account().listMailboxes()).containsKey(child));
    }

    @Test
    default void refusesRenamingOntoAnExistingMailboxAndChangesNothing() {
        TestUser user = TestUser.create(backend());
        user.account().createMailbox(ETE);
        user.account().createMailbox(REPORTS);
        user.seed(ETE, Samples.bytes(Samples.QUARTERLY), Samples.EPOCH);
        assertFails(MailException.AlreadyExists.class, () -> user.account().renameMailbox(ETE, REPORTS));
        assertEquals(1, user.status(ETE, "MESSAGES"));
        assertEquals(0, user.status(REPORTS, "MESSAGES"));
    }

    @Test
    default void refusesRenamingAMailboxBelowItselfAndChangesNothing() {
        TestUser user = TestUser.create(backend());
        user.account().createMailbox(ETE);
        user.seed(ETE, Samples.bytes(Samples.QUARTERLY), Samples.EPOCH);
        MailException e = assertFails(MailException.class, () -> user.account().renameMailbox(ETE, ETE.child("x")));
        assertFalse(e.code().retryable(), e::toString);
        assertEquals(1, user.status(ETE, "MESSAGES"));
    }

    @Test
    default void refusesCreatingAnExistingMailbox() {
        TestUser user = TestUser.create(backend());
        user.account().createMailbox(SPACE);
        assertFails(MailException.AlreadyExists.class, () -> user.account().createMailbox(SPACE));
        assertFails(MailException.AlreadyExists.class, () -> user.account().createMailbox(MailboxName.of("Inbox")));
    }

    @Test
    default void deletesAMailboxAndItsMessages() {
        TestUser user = TestUser.create(backend());
        user.account().createMailbox(REPORTS);
        user.seed(REPORTS, Samples.bytes(Samples.QUARTERLY), Samples.EPOCH);
        user.account().deleteMailbox(REPORTS);
        assertFails(MailException.NotFound.class, () -> user.account().mailbox(REPORTS));
        try (ImapSession imap = user.imap()) {
            assertFalse(imap.list().contains("Reports &- Notes"));
        }
    }

    @Test
    default void refusesDeletingTheInbox() {
        TestUser user = TestUser.create(backend());
        user.seed(MailboxName.INBOX, Samples.bytes(Samples.QUARTERLY), Samples.EPOCH);
        MailException e = assertFails(MailException.class, () -> user.account().deleteMailbox(MailboxName.INBOX));
        assertTrue(e.code() == ErrorCode.FORBIDDEN || e.code() == ErrorCode.INVALID_INPUT, e::toString);
        assertEquals(1, user.status(MailboxName.INBOX, "MESSAGES"));
    }

    @Test
    default void unknownMailboxesAreNotFound() {
        TestUser user = TestUser.create(backend());
        MailboxName missing = MailboxName.of("Nowhere/Été");
        assertFails(MailException.NotFound.class, () -> user.account().mailbox(missing));
        assertFails(MailException.NotFound.class, () -> user.account().deleteMailbox(missing));
        assertFails(MailException.NotFound.class, () -> user.account().renameMailbox(missing, SPACE));
        assertFalse(byName(user.account().listMailboxes()).containsKey(SPACE), "a failed rename created nothing");
    }

    @Test
    default void subscribesAndUnsubscribes() {
        TestUser user = TestUser.create(backend());
        user.createDirectly(ETE);
        user.account().setSubscribed(ETE, true);
        assertTrue(byName(user.account().listMailboxes()).get(ETE).subscribed());
        try (ImapSession imap = user.imap()) {
            assertTrue(imap.ok("LSUB \"\" \"*\"").stream().anyMatch(l -> l.contains("&AMk-t&AOk- 2026")));
        }
        user.account().setSubscribed(ETE, false);
        assertFalse(byName(user.account().listMailboxes()).get(ETE).subscribed());
        try (ImapSession imap = user.imap()) {
            assertFalse(imap.ok("LSUB \"\" \"*\"").stream().anyMatch(l -> l.contains("&AMk-t&AOk- 2026")));
        }
    }

    private static Map<MailboxName, MailboxInfo> byName(List<MailboxInfo> listed) {
        Map<MailboxName, MailboxInfo> map = new HashMap<>();
        listed.forEach(m -> assertTrue(map.put(m.name(), m) == null, () -> m.name() + " listed twice"));
        return map;
    }

    private static int indexOf(List<MailboxInfo> listed, MailboxName name) {
        for (int i = 0; i < listed.size(); i++) {
            if (listed.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}

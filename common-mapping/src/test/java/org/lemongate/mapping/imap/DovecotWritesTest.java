package org.lemongate.mapping.imap;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.angus.mail.iap.Argument;
import org.junit.jupiter.api.Test;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.DeleteMode;
import org.lemongate.mapping.FlagChange;
import org.lemongate.mapping.Flags;
import org.lemongate.mapping.ItemResult;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.MessageSummary;
import org.lemongate.mapping.PageRequest;
import org.lemongate.mapping.SearchCriteria;
import org.lemongate.mapping.SpooledMessage;
import org.lemongate.mapping.SystemFlag;
import org.lemongate.testsupport.DovecotServer;

/**
 * The write side against a real Dovecot: what GreenMail cannot show (a session's view that lags behind other
 * clients, quota, servers advertising fewer capabilities). Skipped without Dovecot unless interop is required.
 */
class DovecotWritesTest {

    /** Dovecot 2.3's own capabilities without MOVE; with UIDPLUS, so a move falls back to COPY and UID EXPUNGE. */
    private static final String WITHOUT_MOVE = "IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT LITERAL+ "
            + "UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED LIST-STATUS SPECIAL-USE QUOTA";
    /** Neither MOVE nor UIDPLUS. */
    private static final String WITHOUT_UIDPLUS = WITHOUT_MOVE.replace(" UIDPLUS", "");
    private static final MailboxName TARGET = MailboxName.of("Projects");

    private static MailAccount login(ImapGateway gateway) {
        return gateway.login(Credentials.password("ann", "secret", "127.0.0.1"));
    }

    private static ImapGateway gateway(DovecotServer dovecot) {
        return ImapGateway.start(BackendSettings.defaults(URI.create(dovecot.imapUrl()), Optional.empty())
                .withStartTls(BackendSettings.StartTls.OFF));
    }

    private static MessageRef append(MailAccount account, MailboxName box, String subject) {
        return account.append(box, SpooledMessage.of(("From: bob@example.org\r\nSubject: " + subject
                + "\r\n\r\nHello\r\n").getBytes(UTF_8)), Flags.NONE, Optional.empty());
    }

    private static List<String> subjects(MailAccount account, MailboxName box) {
        return account.listMessages(box, SearchCriteria.ALL, PageRequest.first(50)).items().stream()
                .map(MessageSummary::subject).sorted().toList();
    }

    private static MailException error(ItemResult<?> r) {
        return r.error().orElseThrow(() -> new AssertionError("expected a failure for " + r.ref()));
    }

    @Test
    void writesSeeMailAnotherClientAddedSinceTheConnectionSelectedTheMailbox() {
        try (DovecotServer dovecot = DovecotServer.start(Map.of("ann", "secret"));
             ImapGateway gateway = gateway(dovecot); ImapGateway otherClient = gateway(dovecot)) {
            MailAccount account = login(gateway);
            MessageRef first = append(account, MailboxName.INBOX, "first");
            assertTrue(account.changeFlags(List.of(first), FlagChange.adding(Flags.of(SystemFlag.SEEN))).get(0).ok());
            MessageRef later = append(login(otherClient), MailboxName.INBOX, "later");

            List<ItemResult<MessageRef>> deleted = account.delete(List.of(later), DeleteMode.PERMANENT);

            assertTrue(deleted.get(0).ok(), deleted::toString);
            assertEquals(List.of("first"), subjects(login(otherClient), MailboxName.INBOX));
        }
    }

    @Test
    void emptyCountsVanishedAnswersOnceQresyncIsEnabled() {
        try (DovecotServer dovecot = DovecotServer.start(Map.of("ann", "secret"));
             ImapGateway gateway = gateway(dovecot)) {
            MailAccount account = login(gateway);
            account.createMailbox(TARGET);
            append(account, TARGET, "a");
            append(account, TARGET, "b");
            append(account, TARGET, "c");
            // The user's one pooled connection now reports expunges as VANISHED (RFC 7162 section 3.2.10).
            gateway.run(Credentials.password("ann", "secret", "127.0.0.1"), false, "enable QRESYNC", c -> {
                Argument args = new Argument();
                args.writeAtom("QRESYNC");
                return c.command("ENABLE", args);
            });
            assertEquals(1, gateway.stats().openConnections());

            assertEquals(3, account.emptyMailbox(TARGET));
            assertEquals(List.of(), subjects(account, TARGET));
        }
    }

    @Test
    void appendOverQuotaIsOverQuotaAndStoresNothing() {
        try (DovecotServer dovecot = DovecotServer.builder().user("ann", "secret").storageQuotaBytes(4096).start();
             ImapGateway gateway = gateway(dovecot)) {
            MailAccount account = login(gateway);
            byte[] big = ("From: bob@example.org\r\nSubject: big\r\n\r\n" + "x".repeat(10_000)).getBytes(UTF_8);
            assertThrows(MailException.OverQuota.class, () -> account.append(MailboxName.INBOX,
                    SpooledMessage.of(big), Flags.NONE, Optional.empty()));
            assertEquals(List.of(), subjects(account, MailboxName.INBOX));
        }
    }

    @Test
    void withoutMoveAMoveIsCopyAndUidExpungeOfExactlyThoseMessages() {
        try (DovecotServer dovecot = DovecotServer.builder().user("ann", "secret")
                .setting("imap_capability", WITHOUT_MOVE).start();
             ImapGateway gateway = gateway(dovecot)) {
            MailAccount account = login(gateway);
            assertFalse(account.serviceInfo().serverCapabilities().contains("MOVE"));
            account.createMailbox(TARGET);
            MessageRef a = append(account, MailboxName.INBOX, "a");
            MessageRef other = append(account, MailboxName.INBOX, "marked deleted by someone else");
            account.changeFlags(List.of(other), FlagChange.adding(Flags.of(SystemFlag.DELETED)));

            List<ItemResult<MessageRef>> moved = account.move(List.of(a), TARGET);

            MessageRef inTarget = moved.get(0).value().orElseThrow();
            assertEquals(account.mailbox(TARGET).status().orElseThrow().uidValidity(), inTarget.uidValidity());
            assertEquals("a", account.summary(inTarget).subject());
            assertEquals(List.of("marked deleted by someone else"), subjects(account, MailboxName.INBOX));
        }
    }

    @Test
    void withoutUidplusPermanentDeleteAndMoveAreRefusedAndChangeNothing() {
        try (DovecotServer dovecot = DovecotServer.builder().user("ann", "secret")
                .setting("imap_capability", WITHOUT_UIDPLUS).start();
             ImapGateway gateway = gateway(dovecot)) {
            MailAccount account = login(gateway);
            assertFalse(account.serviceInfo().serverCapabilities().contains("UIDPLUS"));
            account.createMailbox(TARGET);
            MessageRef a = append(account, MailboxName.INBOX, "a");

            MailException delete = assertThrows(MailException.BackendError.class,
                    () -> account.delete(List.of(a), DeleteMode.PERMANENT));
            assertTrue(delete.getMessage().contains("lacks UIDPLUS"), delete.getMessage());
            assertThrows(MailException.BackendError.class, () -> account.move(List.of(a), TARGET));
            assertEquals(List.of("a"), subjects(account, MailboxName.INBOX));
            assertEquals(List.of(), subjects(account, TARGET));
            assertFalse(account.summary(a).flags().has(SystemFlag.DELETED));
        }
    }

    @Test
    void copyAndDeleteToTrashUseTheTargetsUidValidity() {
        try (DovecotServer dovecot = DovecotServer.start(Map.of("ann", "secret"));
             ImapGateway gateway = gateway(dovecot)) {
            MailAccount account = login(gateway);
            account.createMailbox(TARGET);
            MessageRef a = append(account, MailboxName.INBOX, "a");
            MessageRef gone = MessageRef.of(MailboxName.INBOX, a.uidValidity(), 4242);

            List<ItemResult<MessageRef>> copied = account.copy(List.of(a, gone), TARGET);
            assertEquals("a", account.summary(copied.get(0).value().orElseThrow()).subject());
            assertInstanceOf(MailException.NotFound.class, error(copied.get(1)));

            MessageRef trashed = account.delete(List.of(a), DeleteMode.TO_TRASH).get(0).value().orElseThrow();
            assertEquals(MailboxName.of("Trash"), trashed.mailbox());
            assertEquals("a", account.summary(trashed).subject());
            assertEquals(List.of(), subjects(account, MailboxName.INBOX));
        }
    }
}

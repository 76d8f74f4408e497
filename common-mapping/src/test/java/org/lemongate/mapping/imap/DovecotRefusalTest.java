package org.lemongate.mapping.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lemongate.mapping.contract.MailAssertions.assertFails;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.Flags;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.Quota;
import org.lemongate.mapping.contract.ImapSession;
import org.lemongate.mapping.contract.Samples;
import org.lemongate.testsupport.DovecotServer;

/** A real server saying NO: Dovecot refusing mail over quota must reach the client as OVER_QUOTA, storing nothing. */
class DovecotRefusalTest {

    @Test
    void appendOverQuotaIsRefusedAsOverQuotaAndStoresNothing() {
        try (DovecotServer dovecot = DovecotServer.builder().user("tight", "secret-tight").storageQuotaBytes(4096)
                .start();
             ImapGateway gateway = ImapGateway.start(TestSettings.loopback(dovecot.imapPort(), Optional.empty()))) {
            MailAccount account = gateway.login(Credentials.password("tight", "secret-tight", "127.0.0.1"));
            Quota quota = account.quota().orElseThrow();
            assertEquals(4096, quota.limitBytes());

            byte[] digest = Samples.bytes(Samples.DIGEST);
            assertTrue(digest.length > 4096, "the sample exceeds the quota");
            assertFails(MailException.OverQuota.class, () -> account.append(MailboxName.INBOX, Samples.source(digest),
                    Flags.NONE, Optional.empty()));
            try (ImapSession imap = ImapSession.login(dovecot.host(), dovecot.imapPort(), "tight", "secret-tight")) {
                assertEquals(0, imap.status(MailboxName.INBOX, "MESSAGES"));
            }
            account.append(MailboxName.INBOX, Samples.source(Samples.bytes(Samples.QUARTERLY)), Flags.NONE,
                    Optional.empty());
            assertTrue(account.quota().orElseThrow().usedBytes() > 0, "a small message still fits");
        }
    }
}

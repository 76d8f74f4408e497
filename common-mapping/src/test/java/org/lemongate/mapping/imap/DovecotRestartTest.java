package org.lemongate.mapping.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailException;
import org.lemongate.testsupport.DovecotServer;

/** A real Dovecot restarting under the gateway: unavailable while down, served again after, same gateway. */
class DovecotRestartTest {

    private static final Duration TIMEOUT = Duration.ofMillis(500);

    @Test
    void gatewayRecoversWhenDovecotComesBack() {
        try (DovecotServer dovecot = DovecotServer.start(Map.of("ann", "secret-ann"));
             ImapGateway gateway = ImapGateway.start(TestSettings.loopback(dovecot.imapPort(), Optional.empty())
                     .withTimeouts(TIMEOUT, TIMEOUT, TIMEOUT))) {
            MailAccount account = gateway.login(Credentials.password("ann", "secret-ann", "127.0.0.1"));
            int mailboxes = account.listMailboxes().size();
            assertEquals(1, dovecot.connectionCount("ann"));

            dovecot.stop();
            MailException.BackendUnavailable down = BackendFailureTest.assertUnavailableWithin(Duration.ofSeconds(4),
                    account::listMailboxes);
            assertFalse(down.timeout());
            assertFalse(gateway.backendReachable());

            dovecot.start();
            assertTrue(gateway.backendReachable());
            assertEquals(mailboxes, account.listMailboxes().size(), "the same account works again");
            assertEquals(1, dovecot.connectionCount("ann"), "one fresh connection, not a pile of them");
        }
    }
}

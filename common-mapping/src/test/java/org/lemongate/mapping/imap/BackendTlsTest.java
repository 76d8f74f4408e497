package org.lemongate.mapping.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxName;

/**
 * IMAPS to the backend with a configured trust store: a certificate made for 127.0.0.1 is accepted through the
 * trust store, refused without it, and STARTTLS=required refuses a server that does not offer it.
 */
class BackendTlsTest {

    private static GreenMail imaps;
    private static GreenMail plain;
    private static Path trustStore;

    @BeforeAll
    static void startServers() throws Exception {
        TestCertificate certificate = TestCertificate.shared();
        trustStore = certificate.trustStore();
        certificate.useForGreenMail();
        imaps = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAPS));
        imaps.start();
        imaps.setUser("tls@example.org", "tls", "secret");
        plain = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        plain.start();
        plain.setUser("tls@example.org", "tls", "secret");
    }

    @AfterAll
    static void stopServers() {
        imaps.stop();
        plain.stop();
        TestCertificate.forgetForGreenMail();
    }

    private static BackendSettings imapsSettings(Optional<Path> trust) {
        BackendSettings d = BackendSettings.defaults(
                URI.create("imaps://127.0.0.1:" + imaps.getImaps().getPort()), Optional.empty());
        return new BackendSettings(d.imap(), d.smtp(), d.startTls(), trust,
                trust.map(t -> TestCertificate.TRUST_PASSWORD), d.connectTimeout(), d.readTimeout(), d.writeTimeout(),
                d.maxConnectionsPerUser(), d.leaseTimeout(), d.idleEviction(), d.fetchChunkBytes(), d.limits(),
                d.spoolDirectory(), d.spoolThresholdBytes(), d.loginFailureLimit(), d.loginFailureWindow(),
                d.sentMailbox(), d.trashMailbox());
    }

    @Test
    void imapsWithTheConfiguredTrustStoreWorks() {
        try (ImapGateway gateway = ImapGateway.start(imapsSettings(Optional.of(trustStore)))) {
            var account = gateway.login(Credentials.password("tls", "secret", "127.0.0.1"));
            assertTrue(account.listMailboxes().stream().anyMatch(m -> m.name().equals(MailboxName.INBOX)));
            assertTrue(gateway.backendReachable());
            assertEquals(0, gateway.watchedSockets(), "Jakarta Mail opens this socket itself: its own timer applies");
        }
    }

    @Test
    void imapsWithoutTrustIsRefusedAsAConfigurationError() {
        try (ImapGateway gateway = ImapGateway.start(imapsSettings(Optional.empty()))) {
            MailException.BackendError e = assertThrows(MailException.BackendError.class,
                    () -> gateway.login(Credentials.password("tls", "secret", "127.0.0.1")));
            assertTrue(e.getMessage().contains("TLS handshake"), e.getMessage());
        }
    }

    @Test
    void requiredStartTlsRefusesAServerWithoutIt() {
        BackendSettings s = BackendSettings.defaults(URI.create("imap://127.0.0.1:" + plain.getImap().getPort()),
                Optional.empty()).withStartTls(BackendSettings.StartTls.REQUIRED);
        try (ImapGateway gateway = ImapGateway.start(s)) {
            MailException.BackendError e = assertThrows(MailException.BackendError.class,
                    () -> gateway.login(Credentials.password("tls", "secret", "127.0.0.1")));
            assertTrue(e.getMessage().contains("STARTTLS"), e.getMessage());
        }
    }
}

package org.lemongate.mapping.imap;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.SpooledMessage;
import org.lemongate.mapping.SubmitResult;

/**
 * Submission over SMTPS verified against the gateway's trust store (the IMAP side stays plain), and a certificate the
 * gateway cannot verify refused as a configuration error with nothing sent. (GreenMail 2.1's SMTP offers no
 * STARTTLS, so the upgrade of smtp:// URLs is not exercised here.)
 */
class SubmissionTlsTest {

    private static final String MESSAGE = "From: ann@example.org\r\nTo: bob@example.org\r\nSubject: tls\r\n\r\nx\r\n";

    private static TestCertificate certificate;
    private static GreenMail mail;
    private static GreenMailUser bob;

    @BeforeAll
    static void startServers() throws Exception {
        certificate = TestCertificate.shared();
        certificate.useForGreenMail();
        mail = new GreenMail(new ServerSetup[] {new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS)});
        mail.start();
        mail.setUser("ann@example.org", "ann", "secret");
        bob = mail.setUser("bob@example.org", "bob", "pw");
    }

    @AfterAll
    static void stopServers() {
        mail.stop();
        TestCertificate.forgetForGreenMail();
    }

    private static BackendSettings settings(boolean trusted) {
        BackendSettings d = BackendSettings.defaults(URI.create("imap://127.0.0.1:" + mail.getImap().getPort()),
                Optional.of(URI.create("smtps://127.0.0.1:" + mail.getSmtps().getPort())))
                .withStartTls(BackendSettings.StartTls.OFF);
        Optional<Path> trust = trusted ? Optional.of(certificate.trustStore()) : Optional.empty();
        return new BackendSettings(d.imap(), d.smtp(), d.startTls(), trust,
                trust.map(t -> TestCertificate.TRUST_PASSWORD), d.connectTimeout(), d.readTimeout(),
                d.writeTimeout(), d.maxConnectionsPerUser(), d.leaseTimeout(), d.idleEviction(),
                d.fetchChunkBytes(), d.limits(), d.spoolDirectory(), d.spoolThresholdBytes(), d.loginFailureLimit(),
                d.loginFailureWindow(), d.sentMailbox(), d.trashMailbox());
    }

    private static int delivered() {
        return mail.getManagers().getImapHostManager().getFolder(bob, "INBOX").getMessageCount();
    }

    private static SubmitResult submit(BackendSettings settings) {
        try (ImapGateway gateway = ImapGateway.start(settings)) {
            MailAccount account = gateway.login(Credentials.password("ann", "secret", "127.0.0.1"));
            return account.submit(SpooledMessage.of(MESSAGE.getBytes(UTF_8)));
        }
    }

    @Test
    void smtpsVerifiedWithTheTrustStoreDelivers() {
        int before = delivered();
        SubmitResult result = submit(settings(true));
        assertEquals(before + 1, delivered());
        assertTrue(result.sentCopy().isPresent());
    }

    @Test
    void smtpsWithAnUntrustedCertificateIsAConfigurationErrorAndSendsNothing() {
        int before = delivered();
        MailException.BackendError e = assertThrows(MailException.BackendError.class, () -> submit(settings(false)));
        assertTrue(e.getMessage().contains("TLS handshake"), e.getMessage());
        assertEquals(before, delivered());
    }
}

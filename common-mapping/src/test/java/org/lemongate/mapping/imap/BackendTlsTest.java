package org.lemongate.mapping.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxName;

/**
 * IMAPS to the backend with a configured trust store: a certificate made for 127.0.0.1 is accepted through the
 * trust store, refused without it, and STARTTLS=required refuses a server that does not offer it.
 */
class BackendTlsTest {

    @TempDir
    static Path dir;
    private static GreenMail imaps;
    private static GreenMail plain;
    private static Path trustStore;

    @BeforeAll
    static void startServers() throws Exception {
        Path serverStore = dir.resolve("server.p12");
        trustStore = dir.resolve("trust.p12");
        Path cert = dir.resolve("server.crt");
        keytool("-genkeypair", "-alias", "imap", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", serverStore.toString(), "-storepass", "changeit", "-keypass", "changeit");
        keytool("-exportcert", "-alias", "imap", "-keystore", serverStore.toString(), "-storepass", "changeit",
                "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "imap", "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", trustStore.toString(), "-storepass", "trustpass");
        System.setProperty("greenmail.tls.keystore.file", serverStore.toString());
        System.setProperty("greenmail.tls.keystore.password", "changeit");
        System.setProperty("greenmail.tls.key.password", "changeit");
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
        System.clearProperty("greenmail.tls.keystore.file");
        System.clearProperty("greenmail.tls.keystore.password");
        System.clearProperty("greenmail.tls.key.password");
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "keytool failed: " + out);
    }

    private static BackendSettings imapsSettings(Optional<Path> trust) {
        BackendSettings d = BackendSettings.defaults(
                URI.create("imaps://127.0.0.1:" + imaps.getImaps().getPort()), Optional.empty());
        return new BackendSettings(d.imap(), d.smtp(), d.startTls(), trust,
                trust.map(t -> "trustpass"), d.connectTimeout(), d.readTimeout(), d.writeTimeout(),
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

package org.lemongate.mapping.imap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lemongate.mapping.ByteRange;
import org.lemongate.mapping.Content;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.Flags;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.contract.GeneratedMessage;
import org.lemongate.testsupport.DovecotServer;
import org.lemongate.testsupport.Interop;

/**
 * STARTTLS to a real Dovecot: the gateway upgrades, verifies the certificate through its configured trust store, and
 * only then logs in (Dovecot's log marks the login TLS); without the trust store it refuses with a configuration
 * error instead of going on in the clear.
 */
class DovecotStartTlsTest {

    @TempDir
    static Path dir;
    private static DovecotServer dovecot;
    private static TestCertificate certificate;
    private final Credentials carol = Credentials.password("carol", "tls-secret", "127.0.0.1");

    @BeforeAll
    static void start() throws Exception {
        DovecotServer.requireInstalled();
        Interop.requireCommand("openssl", "openssl");
        certificate = TestCertificate.shared();
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        openssl("pkcs12", "-in", certificate.keyStore().toString(), "-passin", "pass:" + TestCertificate.KEY_PASSWORD,
                "-nokeys", "-out", cert.toString());
        openssl("pkcs12", "-in", certificate.keyStore().toString(), "-passin", "pass:" + TestCertificate.KEY_PASSWORD,
                "-nocerts", "-nodes", "-out", key.toString());
        dovecot = DovecotServer.builder().user("carol", "tls-secret")
                .setting("ssl", "required")
                .setting("ssl_cert", "<" + cert)
                .setting("ssl_key", "<" + key)
                .start();
    }

    @AfterAll
    static void stop() {
        if (dovecot != null) {
            dovecot.close();
        }
    }

    private static void openssl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "openssl failed: " + out);
        assertTrue(Files.size(Path.of(args[args.length - 1])) > 0);
    }

    private static BackendSettings settings(BackendSettings.StartTls startTls, Optional<Path> trust) {
        BackendSettings d = BackendSettings.defaults(URI.create(dovecot.imapUrl()), Optional.empty());
        return new BackendSettings(d.imap(), d.smtp(), startTls, trust,
                trust.map(t -> TestCertificate.TRUST_PASSWORD), d.connectTimeout(), d.readTimeout(),
                d.writeTimeout(), d.maxConnectionsPerUser(), d.leaseTimeout(), d.idleEviction(), d.fetchChunkBytes(),
                d.limits(), d.spoolDirectory(), d.spoolThresholdBytes(), d.loginFailureLimit(),
                d.loginFailureWindow(), d.sentMailbox(), d.trashMailbox());
    }

    @Test
    void upgradesVerifiesAndLogsIn() {
        try (ImapGateway gateway = ImapGateway.start(settings(BackendSettings.StartTls.REQUIRED,
                Optional.of(certificate.trustStore())))) {
            var account = gateway.login(carol);
            assertTrue(account.listMailboxes().stream().anyMatch(m -> m.name().equals(MailboxName.INBOX)));
            assertTrue(account.serviceInfo().has("IMAP4REV1"));
            assertTrue(gateway.watchedSockets() > 0, "the plain socket under TLS is write-timed by the watchdog");
        }
        assertLoggedInOverTls();
    }

    private static void assertLoggedInOverTls() {
        String logins = dovecot.logs().lines().filter(l -> l.contains("Login: user=<carol>"))
                .reduce("", (a, b) -> a + b + "\n");
        assertTrue(!logins.isEmpty() && logins.lines().allMatch(l -> l.contains(", TLS")), logins);
    }

    /** The rest of a long read comes in one FETCH read from the TLS socket, decrypted (ADR 0044). */
    @Test
    void aLongReadOverTlsTakesTheRestInOneFetch() throws Exception {
        GeneratedMessage message = new GeneratedMessage(3L * 1024 * 1024, 46);
        MessageDigest digest = GeneratedMessage.sha256();
        try (ImapGateway gateway = ImapGateway.start(settings(BackendSettings.StartTls.REQUIRED,
                Optional.of(certificate.trustStore())))) {
            MailAccount account = gateway.login(carol);
            MessageRef ref = account.append(MailboxName.INBOX, message, Flags.NONE, Optional.empty());
            try (Content raw = account.openRaw(ref, ByteRange.ALL);
                 InputStream in = new DigestInputStream(raw.stream(), digest)) {
                assertEquals(message.size(), in.transferTo(OutputStream.nullOutputStream()));
            }
        }
        assertArrayEquals(message.messageDigest(), digest.digest());
        Matcher fetches = OneFetchReadTest.awaitLogout(dovecot, "carol");
        assertEquals(3, Integer.parseInt(fetches.group(1)), "first chunk, end probe, the rest in one FETCH");
    }

    @Test
    void anUntrustedCertificateIsAConfigurationError() {
        try (ImapGateway gateway = ImapGateway.start(settings(BackendSettings.StartTls.REQUIRED, Optional.empty()))) {
            MailException.BackendError e = assertThrows(MailException.BackendError.class, () -> gateway.login(carol));
            assertTrue(e.getMessage().contains("TLS handshake"), e.getMessage());
        }
    }

    @Test
    void optionalStartTlsUpgradesWhenTheServerOffersIt() {
        try (ImapGateway gateway = ImapGateway.start(settings(BackendSettings.StartTls.OPTIONAL,
                Optional.of(certificate.trustStore())))) {
            assertTrue(gateway.login(carol).listMailboxes().size() > 0);
        }
        assertLoggedInOverTls();
    }
}

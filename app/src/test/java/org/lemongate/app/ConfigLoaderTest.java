package org.lemongate.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lemongate.mapping.imap.BackendSettings;
import org.lemongate.mapping.imap.BackendSettings.StartTls;
import org.lemongate.rest.PushSettings;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private static GatewayConfig load(Map<String, String> env, String... args) {
        return ConfigLoader.forCommandLine(CommandLine.parse(args), env);
    }

    @Test
    void defaultsAreSafeAndMatchTheDocumentedValues() {
        GatewayConfig config = load(Map.of());
        assertTrue(config.demoMode());
        assertEquals(8080, config.port());
        assertEquals("127.0.0.1", config.bind());
        assertEquals(4, config.maxConnectionsPerUser());
        assertEquals(Duration.ofSeconds(10), config.connectTimeout());
        assertEquals(256 * 1024, config.fetchChunk());
        assertEquals(50L * 1024 * 1024, config.maxUpload());
        assertEquals(StartTls.OPTIONAL, config.imapStartTls());
        assertEquals(EnumSet.allOf(Binding.class), config.bindings());
    }

    @Test
    void commandLineBeatsEnvironmentBeatsFileBeatsDefaults() throws IOException {
        Path file = dir.resolve("gateway.properties");
        Files.writeString(file, "port=7001\nbind=0.0.0.0\nread-timeout=45s\nmax-page-size=50\n",
                StandardCharsets.UTF_8);
        GatewayConfig config = load(Map.of("LEMONGATE_PORT", "7002", "LEMONGATE_BIND", "127.0.0.2"),
                "--config", file.toString(), "--port", "7003");
        assertEquals(7003, config.port(), "flag over environment");
        assertEquals("127.0.0.2", config.bind(), "environment over file");
        assertEquals(Duration.ofSeconds(45), config.readTimeout(), "file over default");
        assertEquals(50, config.maxPageSize());
        assertEquals(Duration.ofSeconds(30), config.writeTimeout(), "default");
    }

    @Test
    void configFileCanBeNamedInTheEnvironment() throws IOException {
        Path file = dir.resolve("env.properties");
        Files.writeString(file, "max-connections-per-user=2\n", StandardCharsets.UTF_8);
        assertEquals(2, load(Map.of("LEMONGATE_CONFIG", file.toString())).maxConnectionsPerUser());
    }

    @Test
    void mapsEveryKeyToTheConnectorSettings() {
        GatewayConfig config = load(Map.of("LEMONGATE_TRUST_STORE_PASSWORD", "changeit"),
                "--imap", "imaps://mail.example.org:993", "--smtp=smtps://mail.example.org:465",
                "--imap-starttls", "required", "--trust-store", "/etc/lemongate/trust.p12",
                "--connect-timeout", "2s", "--read-timeout", "PT20S", "--write-timeout", "1500ms",
                "--max-connections-per-user", "3", "--idle-eviction", "2m", "--fetch-chunk", "64k",
                "--max-page-size", "100", "--max-upload", "10m", "--spool-dir", "/var/spool/lemongate",
                "--login-failure-limit", "7", "--login-failure-window", "1h", "--bindings", "rest,dav");
        BackendSettings s = config.backendSettings();
        assertEquals(URI.create("imaps://mail.example.org:993"), s.imap());
        assertEquals(Optional.of(URI.create("smtps://mail.example.org:465")), s.smtp());
        assertEquals(StartTls.REQUIRED, s.startTls());
        assertEquals(Optional.of(Path.of("/etc/lemongate/trust.p12")), s.trustStore());
        assertEquals(Optional.of("changeit"), s.trustStorePassword());
        assertEquals(Duration.ofSeconds(2), s.connectTimeout());
        assertEquals(Duration.ofSeconds(20), s.readTimeout());
        assertEquals(Duration.ofMillis(1500), s.writeTimeout());
        assertEquals(3, s.maxConnectionsPerUser());
        assertEquals(Duration.ofMinutes(2), s.idleEviction());
        assertEquals(64 * 1024, s.fetchChunkBytes());
        assertEquals(100, s.limits().maxPageSize());
        assertEquals(10L * 1024 * 1024, s.limits().maxUploadBytes());
        assertEquals(Path.of("/var/spool/lemongate"), s.spoolDirectory());
        assertEquals(7, s.loginFailureLimit());
        assertEquals(Duration.ofHours(1), s.loginFailureWindow());
        assertEquals(EnumSet.of(Binding.REST, Binding.DAV), config.bindings());
        assertFalse(config.toString().contains("changeit"), "the password never appears in toString");
    }

    @Test
    void badValuesNameTheKeyTheSourceAndWhatIsExpected() {
        assertEquals("invalid value 'eighty' for --port (from the command line): expected a whole number "
                        + "between 0 and 65535",
                assertThrows(ConfigException.class, () -> load(Map.of(), "--port", "eighty")).getMessage());
        assertEquals("invalid value 'http://mail' for LEMONGATE_IMAP (from the environment): expected "
                        + "imap://host:port or imaps://host:port",
                assertThrows(ConfigException.class, () -> load(Map.of("LEMONGATE_IMAP", "http://mail")))
                        .getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> load(Map.of(), "--read-timeout", "0s"))
                .getMessage().contains("must be positive"));
        assertTrue(assertThrows(ConfigException.class, () -> load(Map.of(), "--fetch-chunk", "1k"))
                .getMessage().contains("between 4096"));
        assertTrue(assertThrows(ConfigException.class, () -> load(Map.of(), "--max-page-size", "100000"))
                .getMessage().contains("between 1 and 500"));
        assertTrue(assertThrows(ConfigException.class, () -> load(Map.of(), "--bindings", "rest,ftp"))
                .getMessage().contains("unknown binding 'ftp'"));
        assertTrue(assertThrows(ConfigException.class, () -> load(Map.of(), "--imap-starttls", "maybe"))
                .getMessage().contains("expected off, optional or required"));
        assertTrue(assertThrows(ConfigException.class, () -> load(Map.of(), "--bind", "a b"))
                .getMessage().contains("host name or IP address"));
    }

    @Test
    void aBadSecretIsNotEchoed() {
        String message = assertThrows(ConfigException.class,
                () -> load(Map.of(), "--trust-store-password", "")).getMessage();
        assertFalse(message.contains("''"), message);
        assertTrue(message.contains("--trust-store-password"), message);
    }

    @Test
    void theWebdavStoreDefaultsToAFileInTheDataDirectoryAndCanBeNamedOutright() {
        String home = Path.of(System.getProperty("user.home"), ".lemongate", "webdav").toAbsolutePath().toString();
        assertEquals("jdbc:h2:file:" + home + ";AUTO_SERVER=TRUE", load(Map.of()).davStore());
        Path data = dir.resolve("data");
        assertEquals("jdbc:h2:file:" + data.resolve("webdav").toAbsolutePath() + ";AUTO_SERVER=TRUE",
                load(Map.of(), "--data-dir", data.toString()).davStore());
        assertEquals("jdbc:h2:tcp://127.0.0.1:9092/webdav",
                load(Map.of("LEMONGATE_DATA_DIR", data.toString()), "--dav-store",
                        "jdbc:h2:tcp://127.0.0.1:9092/webdav").davStore(), "a URL wins over the data directory");
        String message = assertThrows(ConfigException.class,
                () -> load(Map.of("LEMONGATE_DAV_STORE", "jdbc:postgresql://db/dav"))).getMessage();
        assertTrue(message.contains("LEMONGATE_DAV_STORE") && message.contains("H2 JDBC URL"), message);
    }

    @Test
    void pushTimingsDefaultToTheDocumentedValuesAndAreSetLikeEveryKey() {
        PushSettings defaults = load(Map.of()).push();
        assertEquals(Duration.ofSeconds(25), defaults.maxHold());
        assertEquals(Duration.ofSeconds(15), defaults.defaultHeartbeat());
        assertEquals(Duration.ofSeconds(5), defaults.minHeartbeat());
        assertEquals(Duration.ofSeconds(55), defaults.maxHeartbeat());
        assertTrue(defaults.ticketKey().isEmpty(), "a random key per process unless one is configured");

        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 0x5a);
        String base64 = Base64.getEncoder().encodeToString(key);
        GatewayConfig config = load(Map.of("LEMONGATE_PUSH_TICKET_KEY", base64, "LEMONGATE_PUSH_HEARTBEAT", "5s"),
                "--push-max-hold", "8s", "--push-min-heartbeat", "2s", "--push-max-heartbeat", "1m");
        PushSettings push = config.push();
        assertEquals(Duration.ofSeconds(8), push.maxHold());
        assertEquals(Duration.ofSeconds(5), push.defaultHeartbeat());
        assertEquals(Duration.ofSeconds(2), push.minHeartbeat());
        assertEquals(Duration.ofSeconds(60), push.maxHeartbeat());
        assertArrayEquals(key, push.ticketKey().orElseThrow());
        assertFalse(config.toString().contains(base64), "the ticket key never appears in toString");
        assertArrayEquals(key, load(Map.of(), "--push-ticket-key", Base64.getUrlEncoder().withoutPadding()
                .encodeToString(key)).push().ticketKey().orElseThrow(), "URL-safe base64 without padding too");
    }

    @Test
    void badPushValuesAreRefusedWithTheRuleAndNeverEchoTheKey() {
        String fraction = assertThrows(ConfigException.class, () -> load(Map.of(), "--push-max-hold", "1500ms"))
                .getMessage();
        assertTrue(fraction.contains("--push-max-hold") && fraction.contains("whole seconds"), fraction);
        String order = assertThrows(ConfigException.class, () -> load(Map.of(), "--push-heartbeat", "3s"))
                .getMessage();
        assertTrue(order.contains("push-min-heartbeat (5s) <= push-heartbeat (3s)"), order);
        String shortKey = Base64.getEncoder().encodeToString("twenty-byte-secret!!".getBytes(StandardCharsets.UTF_8));
        String badKey = assertThrows(ConfigException.class, () -> load(Map.of(), "--push-ticket-key", shortKey))
                .getMessage();
        assertTrue(badKey.contains("16 or 32 bytes"), badKey);
        assertFalse(badKey.contains(shortKey), badKey);
        String notBase64 = assertThrows(ConfigException.class,
                () -> load(Map.of("LEMONGATE_PUSH_TICKET_KEY", "not base64 at all!"))).getMessage();
        assertTrue(notBase64.contains("LEMONGATE_PUSH_TICKET_KEY") && notBase64.contains("base64"), notBase64);
        assertFalse(notBase64.contains("not base64 at all"), notBase64);
    }

    @Test
    void aControlCharacterInAValueKeepsTheErrorOnOneLine() {
        String message = assertThrows(ConfigException.class, () -> load(Map.of(), "--port", "80\n80"))
                .getMessage();
        assertFalse(message.contains("\n"), message);
    }

    @Test
    void smtpWithoutImapIsRefused() {
        assertTrue(assertThrows(ConfigException.class, () -> load(Map.of(), "--smtp", "smtp://127.0.0.1:25"))
                .getMessage().contains("smtp is set but imap is not"));
    }

    @Test
    void unknownKeysInTheFileAreRefused() throws IOException {
        Path file = dir.resolve("typo.properties");
        Files.writeString(file, "prot=8081\n", StandardCharsets.UTF_8);
        assertTrue(assertThrows(ConfigException.class, () -> load(Map.of(), "--config", file.toString()))
                .getMessage().contains("unknown key 'prot'"));
    }

    @Test
    void aMissingConfigFileIsAClearError() {
        assertTrue(assertThrows(ConfigException.class,
                () -> load(Map.of(), "--config", dir.resolve("absent.properties").toString()))
                .getMessage().startsWith("cannot read the configuration file"));
    }

    @Test
    void commandLineMistakesAreRefused() {
        assertEquals("unknown option --prot (see --help)",
                assertThrows(ConfigException.class, () -> CommandLine.parse("--prot", "1")).getMessage());
        assertEquals("--port needs a value (see --help)",
                assertThrows(ConfigException.class, () -> CommandLine.parse("--port")).getMessage());
        assertEquals("--port is given twice",
                assertThrows(ConfigException.class, () -> CommandLine.parse("--port", "1", "--port=2"))
                        .getMessage());
        assertEquals("unknown option '-p' (see --help)",
                assertThrows(ConfigException.class, () -> CommandLine.parse("-p", "1")).getMessage());
        assertEquals("unknown command 'launch' (see --help)",
                assertThrows(ConfigException.class, () -> CommandLine.parse("launch")).getMessage());
    }

    @Test
    void helpDocumentsEveryKeyWithItsEnvironmentVariableAndDefault() {
        String help = HelpText.render();
        for (ConfigKey key : ConfigKey.values()) {
            assertTrue(help.contains("--" + key.key() + " " + key.metavar()), key.key());
            assertTrue(help.contains("env " + key.environmentVariable() + ", default: "
                    + key.defaultValue().orElse("none")), key.key());
        }
        assertTrue(help.contains("--config FILE"));
        assertTrue(CommandLine.parse("--help").help());
    }
}

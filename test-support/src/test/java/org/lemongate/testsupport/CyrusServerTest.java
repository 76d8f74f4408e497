package org.lemongate.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class CyrusServerTest {

    private static CyrusServer shared;

    /** Started by the first test that needs it, so that a skip lists each test with its reason. */
    private static synchronized CyrusServer shared() {
        if (shared == null) {
            shared = CyrusServer.start(Map.of("alice", "secret", "bob", "Pässwört-2"), 2L << 20);
        }
        return shared;
    }

    @AfterAll
    static void closeShared() {
        if (shared != null) {
            shared.close();
        }
    }

    @Test
    void servesImapOnLoopbackAndChecksPasswords() throws IOException {
        assertEquals("imap://127.0.0.1:" + shared().imapPort(), shared().imapUrl());
        try (ImapProbe alice = ImapProbe.connect(shared().imapPort())) {
            assertTrue(alice.greeting().startsWith("* OK"), alice.greeting());
            assertTrue(alice.tagged("LOGIN alice wrong").contains(" NO "));
            assertTrue(alice.tagged("LOGIN alice secret").contains(" OK "));
        }
        try (ImapProbe bob = ImapProbe.connect(shared().imapPort())) {
            assertTrue(bob.tagged("LOGIN bob \"Pässwört-2\"").contains(" OK "), "a UTF-8 password logs in");
        }
    }

    @Test
    void givesEveryUserSpecialUseMailboxesAndTheQuota() throws IOException {
        try (ImapProbe alice = ImapProbe.login(shared().imapPort(), "alice", "secret")) {
            List<String> list = alice.command("LIST \"\" \"*\"");
            for (String role : CyrusServer.specialUseMailboxes()) {
                // Cyrus writes the special-use flags in lower case; IMAP flags are case-insensitive.
                assertTrue(list.stream().anyMatch(line -> line.startsWith("* LIST (")
                        && line.toLowerCase().contains("\\" + role.toLowerCase() + ")")
                        && line.endsWith("\"/\" " + role)), role + " in " + list);
            }
            assertTrue(alice.command("CREATE Projects/2026").get(0).contains(" OK "));
            assertTrue(alice.command("LIST \"\" Projects/*").contains("* LIST (\\HasNoChildren) \"/\" Projects/2026"));
            List<String> quota = alice.command("GETQUOTAROOT INBOX");
            assertTrue(quota.contains("* QUOTA INBOX (STORAGE 0 2048)"), quota.toString());
        }
    }

    @Test
    void servesJmapToTheSameUsers() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String basic = "Basic " + Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> session = http.send(HttpRequest.newBuilder(URI.create(shared().jmapUrl()))
                .header("Authorization", basic).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, session.statusCode(), session.body());
        assertTrue(session.body().contains("\"username\":\"alice\""), session.body());
        assertTrue(session.body().contains("urn:ietf:params:jmap:mail"), session.body());
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(shared().jmapUrl())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
    }

    @Test
    void closeStopsEveryServiceAndDeletesTheMail() throws IOException {
        CyrusServer cyrus = CyrusServer.start(Map.of("carol", "pw"));
        Path base = cyrus.baseDirectory();
        try (ImapProbe carol = ImapProbe.login(cyrus.imapPort(), "carol", "pw")) {
            assertTrue(carol.command("SELECT INBOX").stream().anyMatch(line -> line.contains(" OK ")));
        }
        assertTrue(cyrus.isRunning());
        cyrus.close();
        assertFalse(cyrus.isRunning());
        assertFalse(LoopbackPorts.accepts(cyrus.imapPort()));
        assertFalse(LoopbackPorts.accepts(cyrus.httpPort()));
        assertFalse(Files.exists(base));
    }

    @Test
    void refusesUserNamesCyrusWouldReadAsMailboxPaths() {
        assertThrows(IllegalArgumentException.class, () -> new CyrusConfig(Map.of("a.b", "pw"), 1024));
        assertThrows(IllegalArgumentException.class, () -> new CyrusConfig(Map.of("a/b", "pw"), 1024));
        assertThrows(IllegalArgumentException.class, () -> new CyrusConfig(Map.of("alice", "two\nlines"), 1024));
        assertThrows(IllegalArgumentException.class, () -> new CyrusConfig(Map.of("alice", "pw"), 1000));
    }

    @Test
    void sendsJmapSubmissionsToTheGivenSmtpPortOnlyWhenOneIsGiven() {
        CyrusLayout layout = new CyrusLayout(Path.of("/d"));
        String submitting = new CyrusConfig(Map.of("alice", "pw"), 1024, OptionalInt.of(2525)).imapdConf(layout);
        assertTrue(submitting.contains("\nsmtp_backend: host\nsmtp_host: 127.0.0.1:2525/noauth\n"), submitting);
        assertFalse(new CyrusConfig(Map.of("alice", "pw"), 1024).imapdConf(layout).contains("smtp_"));
        assertThrows(IllegalArgumentException.class,
                () -> new CyrusConfig(Map.of("alice", "pw"), 1024, OptionalInt.of(0)));
    }

    @Test
    void findsTheUnpackedImapdWhereTheSettingsSay() {
        assertEquals(Path.of("/p"), CyrusInstallation.unpackedRoot("/p", "/e"));
        assertEquals(Path.of("/e"), CyrusInstallation.unpackedRoot(" ", "/e"));
        assertEquals(CyrusInstallation.DEFAULT_ROOT, CyrusInstallation.unpackedRoot(null, null));
    }
}

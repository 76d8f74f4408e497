package org.lemongate.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DovecotServerTest {

    private static DovecotServer shared;

    /**
     * One server for the tests that do not stop it, started by the first of them. Not in @BeforeAll: a skip there
     * hides the whole class from the test report instead of listing each test as skipped with the reason.
     */
    private static synchronized DovecotServer shared() {
        if (shared == null) {
            // dave is only for counting sessions, so no other test's closing session can be counted.
            shared = DovecotServer.start(Map.of("alice", "secret", "bob", "hunter2", "dave", "counted"));
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
    void servesImapOnLoopbackAndLogsInItsUsers() throws IOException {
        assertEquals("127.0.0.1", shared().host());
        assertEquals("imap://127.0.0.1:" + shared().imapPort(), shared().imapUrl());
        try (ImapProbe alice = ImapProbe.connect(shared().imapPort())) {
            assertTrue(alice.greeting().startsWith("* OK"), alice.greeting());
            assertTrue(alice.tagged("LOGIN alice secret").contains(" OK "));
        }
        try (ImapProbe bob = ImapProbe.connect(shared().imapPort())) {
            assertTrue(bob.tagged("LOGIN bob secret").contains("NO [AUTHENTICATIONFAILED]"));
            assertTrue(bob.tagged("LOGIN bob hunter2").contains(" OK "));
        }
    }

    @Test
    void createsSpecialUseMailboxesUnderSlashSeparator() throws IOException {
        shared().doveadm("mailbox", "create", "-u", "bob", "Projects/2026");
        try (ImapProbe bob = ImapProbe.login(shared().imapPort(), "bob", "hunter2")) {
            List<String> list = bob.command("LIST \"\" \"*\"");
            for (String role : List.of("Sent", "Drafts", "Trash", "Junk", "Archive")) {
                assertTrue(list.stream().anyMatch(line -> line.startsWith("* LIST (")
                        && line.contains("\\" + role + ")") && line.endsWith("\"/\" " + role)), role + " in " + list);
            }
            assertTrue(list.contains("* LIST (\\HasNoChildren) \"/\" Projects/2026"), list.toString());
            List<String> subscribed = bob.command("LSUB \"\" \"*\"");
            assertTrue(subscribed.stream().anyMatch(line -> line.endsWith(" Archive")), subscribed.toString());
        }
    }

    @Test
    void reportsTheDefaultStorageQuotaOfOneGibibyte() throws IOException {
        try (ImapProbe alice = ImapProbe.login(shared().imapPort(), "alice", "secret")) {
            List<String> quota = alice.command("GETQUOTAROOT INBOX");
            // Usage depends on what other tests stored; the limit is what this test is about.
            assertTrue(quota.stream().anyMatch(line -> line.matches("\\* QUOTA \"User quota\" \\(STORAGE \\d+ 1048576\\)")),
                    quota.toString());
        }
    }

    @Test
    void rejectsBadPasswordsWithoutDovecotsDefaultDelay() throws IOException {
        try (ImapProbe alice = ImapProbe.connect(shared().imapPort())) {
            long started = System.nanoTime();
            String answer = alice.tagged("LOGIN alice wrong");
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(answer.contains("NO [AUTHENTICATIONFAILED]"), answer);
            // Dovecot's default auth_failure_delay is 2 s; its failure flush timer still adds up to 0.5 s.
            assertTrue(took.compareTo(Duration.ofMillis(1500)) < 0, "bad login took " + took);
        }
    }

    @Test
    void doesNotPenaliseTheNextLoginAfterAFailedOne() throws IOException {
        try (ImapProbe wrong = ImapProbe.connect(shared().imapPort())) {
            assertTrue(wrong.tagged("LOGIN bob wrong-once").contains("NO"));
        }
        long started = System.nanoTime();
        try (ImapProbe right = ImapProbe.login(shared().imapPort(), "bob", "hunter2")) {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            // With Dovecot's per-address penalty this login would wait 4 s.
            assertTrue(took.compareTo(Duration.ofSeconds(1)) < 0, "good login after a bad one took " + took);
            assertTrue(right.tagged("NOOP").contains(" OK "));
        }
    }

    @Test
    void keepsDovecotsLoginDelaysWhenAsked() throws IOException {
        try (DovecotServer strict = DovecotServer.builder().user("alice", "secret").loginDelays(true).start();
             ImapProbe alice = ImapProbe.connect(strict.imapPort())) {
            long started = System.nanoTime();
            assertTrue(alice.tagged("LOGIN alice wrong").contains("NO"));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            // Dovecot's 2 s, give or take its 0.5 s flush timer; without the delay the answer comes within 0.5 s.
            assertTrue(took.compareTo(Duration.ofMillis(1200)) > 0, "bad login answered after only " + took);
        }
    }

    @Test
    void deliversMessagesThroughDoveadmSave(@TempDir Path scratch) throws IOException {
        Path message = scratch.resolve("hello.eml");
        Files.writeString(message, "From: carol@example.org\r\nSubject: Hello\r\n\r\nHi Alice\r\n",
                StandardCharsets.US_ASCII);
        shared().doveadm(message, "save", "-u", "alice", "-m", "Archive");
        try (ImapProbe alice = ImapProbe.login(shared().imapPort(), "alice", "secret")) {
            List<String> status = alice.command("STATUS Archive (MESSAGES)");
            assertTrue(status.contains("* STATUS Archive (MESSAGES 1)"), status.toString());
        }
    }

    @Test
    void reportsDoveadmFailuresWithItsOutput() {
        DovecotServer server = shared();
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> server.doveadm("mailbox", "status", "-u", "alice", "messages", "NoSuchMailbox"));
        assertTrue(failure.getMessage().contains("NoSuchMailbox"), failure.getMessage());
    }

    @Test
    void countsLoggedInSessionsPerUser() throws IOException {
        assertEquals(0, shared().connectionCount("dave"));
        try (ImapProbe first = ImapProbe.login(shared().imapPort(), "dave", "counted");
             ImapProbe second = ImapProbe.login(shared().imapPort(), "dave", "counted")) {
            assertEquals(2, shared().connectionCount("dave"));
            assertEquals(0, shared().connectionCount("nobody-here"));
            assertTrue(first.tagged("NOOP").contains(" OK ") && second.tagged("NOOP").contains(" OK "));
        }
    }

    @Test
    void appliesConfiguredQuotaAndConnectionCap() throws IOException {
        try (DovecotServer small = DovecotServer.builder()
                .user("alice", "secret")
                .storageQuotaBytes(10L * 1024 * 1024)
                .maxUserIpConnections(2)
                .start();
             ImapProbe first = ImapProbe.login(small.imapPort(), "alice", "secret");
             ImapProbe second = ImapProbe.login(small.imapPort(), "alice", "secret");
             ImapProbe third = ImapProbe.connect(small.imapPort())) {
            List<String> quota = first.command("GETQUOTAROOT INBOX");
            assertTrue(quota.contains("* QUOTA \"User quota\" (STORAGE 0 10240)"), quota.toString());
            String refused = third.tagged("LOGIN alice secret");
            assertTrue(refused.contains("NO") && refused.contains("Maximum number of connections"), refused);
            assertEquals(2, small.connectionCount("alice"));
            assertTrue(second.tagged("NOOP").contains(" OK "), "the capped-out login must not end the others");
        }
    }

    @Test
    void stopsCompletelyAndRestartsOnTheSamePortWithTheSameMail() throws IOException {
        try (DovecotServer server = DovecotServer.start(Map.of("alice", "secret"))) {
            int port = server.imapPort();
            server.doveadm("mailbox", "create", "-u", "alice", "Kept");
            ImapProbe session = ImapProbe.login(port, "alice", "secret");

            server.stop();

            assertFalse(server.isRunning());
            assertFalse(LoopbackPorts.accepts(port), "port still accepts after stop()");
            assertTrue(endsWithin(session, Duration.ofSeconds(2)), "open session survived stop()");
            session.close();

            server.start();

            assertTrue(server.isRunning());
            assertEquals(port, server.imapPort());
            try (ImapProbe again = ImapProbe.login(port, "alice", "secret")) {
                assertTrue(again.tagged("SELECT Kept").contains(" OK "));
            }
        }
    }

    @Test
    void closeDeletesEverythingAndForbidsRestart() {
        DovecotServer server = DovecotServer.start(Map.of("alice", "secret"));
        Path base = server.baseDirectory();
        assertTrue(Files.isDirectory(base.resolve("home")));

        server.close();

        assertFalse(Files.exists(base), base + " still exists");
        assertThrows(IllegalStateException.class, server::start);
    }

    @Test
    void instancesCoexistWithSeparatePortsAndUsers() throws IOException {
        try (DovecotServer other = DovecotServer.start(Map.of("carol", "pass"))) {
            assertNotEquals(shared().imapPort(), other.imapPort());
            assertNotEquals(shared().baseDirectory(), other.baseDirectory());
            try (ImapProbe carol = ImapProbe.connect(other.imapPort());
                 ImapProbe carolOnShared = ImapProbe.connect(shared().imapPort())) {
                assertTrue(carol.tagged("LOGIN carol pass").contains(" OK "));
                assertTrue(carolOnShared.tagged("LOGIN carol pass").contains("NO"));
            }
        }
    }

    @Test
    void startsWellUnderTwoSeconds() {
        long started = System.nanoTime();
        try (DovecotServer server = DovecotServer.start(Map.of("alice", "secret"))) {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(server.isRunning());
            assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, "start took " + took);
        }
    }

    /** Whether the server ends the session (BYE and close, or a reset) before the probe's read times out. */
    private static boolean endsWithin(ImapProbe session, Duration timeout) throws IOException {
        session.readTimeout(timeout);
        try {
            while (session.readLine() != null) {
                // skip "* BYE Server shutting down." and anything else before the end
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }
}

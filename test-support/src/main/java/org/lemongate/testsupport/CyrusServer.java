package org.lemongate.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * A private Cyrus IMAP 3.6 server for one test class or benchmark: its own temporary directory, its own free IMAP
 * and HTTP ports on 127.0.0.1, plaintext login against its own sasldb, the users a test names (each gets INBOX and
 * the special-use mailboxes Sent, Drafts, Trash, Junk and Archive at first login, and a storage quota), "/" as
 * hierarchy separator, and Cyrus's own JMAP (RFC 8620/8621) at {@link #jmapUrl()} with HTTP Basic login.
 *
 * <pre>{@code
 * try (CyrusServer cyrus = CyrusServer.start(Map.of("alice", "secret"))) {
 *     connect to cyrus.imapUrl() or cyrus.jmapUrl() ...
 * }
 * }</pre>
 *
 * <p>When Cyrus is not available (see {@link CyrusInstallation}: master and httpd installed, imapd unpacked from
 * the package that conflicts with Dovecot), starting one skips the test, or fails it when the {@link Interop} policy
 * is {@code required}. Started by root, Cyrus's master drops to the {@code cyrus} account, which then owns the
 * directory. A shutdown hook ends any instance a test forgot to close.
 */
public final class CyrusServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(30);
    private static final int LOG_TAIL_BYTES = 32 * 1024;

    private final CyrusConfig config;
    private final CyrusInstallation programs;
    private final CyrusLayout layout;
    private int imapPort;
    private int httpPort;
    private Process master;

    private CyrusServer(CyrusConfig config, CyrusInstallation programs) {
        this.config = config;
        this.programs = programs;
        this.layout = new CyrusLayout(Directories.createShared("lg-cyrus"));
    }

    /**
     * Starts a Cyrus with these users and a 1 GiB quota each.
     *
     * @param usersToPasswords user names (1 to 64 of {@code A-Z a-z 0-9 _ -}) to plaintext passwords
     * @throws IllegalArgumentException for an invalid user name or password
     * @throws IllegalStateException when Cyrus does not come up; the message carries its output
     */
    public static CyrusServer start(Map<String, String> usersToPasswords) {
        return start(usersToPasswords, CyrusConfig.DEFAULT_STORAGE_QUOTA_BYTES);
    }

    /**
     * Starts a Cyrus with these users and a 1 GiB quota each whose JMAP submissions ({@code EmailSubmission/set}) go
     * by plain SMTP, without authentication, to {@code 127.0.0.1:smtpPort}.
     *
     * @throws IllegalArgumentException for an invalid user name, password or port
     * @throws IllegalStateException when Cyrus does not come up; the message carries its output
     */
    public static CyrusServer startSubmittingTo(Map<String, String> usersToPasswords, int smtpPort) {
        return start(new CyrusConfig(new LinkedHashMap<>(usersToPasswords), CyrusConfig.DEFAULT_STORAGE_QUOTA_BYTES,
                OptionalInt.of(smtpPort)));
    }

    /**
     * Starts a Cyrus with these users, each with a storage quota of {@code storageQuotaBytes} (a whole number of
     * KiB), which IMAP QUOTA reports in units of 1024 bytes.
     */
    public static CyrusServer start(Map<String, String> usersToPasswords, long storageQuotaBytes) {
        return start(new CyrusConfig(new LinkedHashMap<>(usersToPasswords), storageQuotaBytes));
    }

    private static CyrusServer start(CyrusConfig config) {
        CyrusServer server = new CyrusServer(config, CyrusInstallation.require());
        try {
            server.prepare();
            server.launch();
            return server;
        } catch (RuntimeException failed) {
            server.close();
            throw failed;
        }
    }

    /**
     * Skips or fails the calling test, per the {@link Interop} policy, unless every Cyrus program is there; for
     * tests that must know before they prepare anything. Starting a server checks it too.
     */
    public static void requireInstalled() {
        CyrusInstallation.require();
    }

    /** The address the server listens on: always {@code 127.0.0.1}. */
    public String host() {
        return LoopbackPorts.HOST;
    }

    /** The IMAP port. */
    public int imapPort() {
        return imapPort;
    }

    /** The HTTP port that serves JMAP. */
    public int httpPort() {
        return httpPort;
    }

    /** {@code imap://127.0.0.1:PORT}. */
    public String imapUrl() {
        return "imap://" + host() + ":" + imapPort;
    }

    /** The JMAP API endpoint, {@code http://127.0.0.1:PORT/jmap/}; its session resource is at {@code /jmap}. */
    public String jmapUrl() {
        return "http://" + host() + ":" + httpPort + "/jmap/";
    }

    /** The users and passwords this server accepts. */
    public Map<String, String> users() {
        return config.users();
    }

    /** The special-use mailboxes every user has besides INBOX, each named after its role (Sent is \Sent). */
    public static List<String> specialUseMailboxes() {
        return CyrusConfig.specialUseMailboxes();
    }

    /** Whether master is running. */
    public synchronized boolean isRunning() {
        return master != null && master.isAlive();
    }

    /** What Cyrus printed (it logs to syslog only, so mostly start-up errors), to show when a test fails. */
    public String logs() {
        return "--- " + layout.consoleFile() + "\n" + Directories.tail(layout.consoleFile(), LOG_TAIL_BYTES);
    }

    /**
     * Stops master and every service it started, then deletes the directory with all mail in it. Returns when the
     * ports refuse connections.
     */
    @Override
    public synchronized void close() {
        if (master != null) {
            ChildProcesses.end(master, STOP_GRACE);
            master = null;
            LoopbackPorts.awaitRefused(imapPort, STOP_GRACE);
            LoopbackPorts.awaitRefused(httpPort, STOP_GRACE);
        }
        Directories.deleteRecursively(layout.base());
    }

    /** The instance's private directory, for tests of this class. */
    Path baseDirectory() {
        return layout.base();
    }

    @Override
    public String toString() {
        return "Cyrus at " + imapUrl() + " and " + jmapUrl() + " in " + layout.base();
    }

    private void prepare() {
        try {
            for (Path directory : List.of(layout.configDirectory(), layout.configDirectory().resolve("socket"),
                    layout.spoolDirectory(), layout.sieveDirectory(), layout.runDirectory())) {
                Files.createDirectories(directory);
            }
            Files.writeString(layout.imapdConf(), config.imapdConf(layout), StandardCharsets.UTF_8);
            config.users().forEach(this::writeUser);
            if (isRoot()) {
                // master drops to the cyrus account, which must own its databases, spool and sockets.
                chownToCyrus();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare " + layout.base(), e);
        }
    }

    private void writeUser(String name, String password) {
        Path input = layout.base().resolve("password.in");
        try {
            Files.writeString(input, password + "\n", StandardCharsets.UTF_8);
            ShortCommand.Result result = ShortCommand.run(
                    List.of(programs.saslpasswd2().toString(), "-p", "-c", "-f", layout.sasldb().toString(),
                            "-u", CyrusConfig.REALM, name),
                    Map.of(), input, layout.base(), TOOL_TIMEOUT);
            if (!result.succeeded()) {
                throw new IllegalStateException("saslpasswd2 for " + name + " failed with exit code "
                        + result.exitCode() + ":\n" + result.output());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the password of " + name, e);
        } finally {
            try {
                Files.deleteIfExists(input);
            } catch (IOException ignored) {
                // the directory and the leftover go together on close()
            }
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private void chownToCyrus() throws IOException {
        UserPrincipalLookupService lookup = layout.base().getFileSystem().getUserPrincipalLookupService();
        UserPrincipal owner = lookup.lookupPrincipalByName("cyrus");
        GroupPrincipal group = lookup.lookupPrincipalByGroupName("mail");
        try (Stream<Path> tree = Files.walk(layout.base())) {
            for (Path path : tree.toList()) {
                Files.setOwner(path, owner);
                Files.getFileAttributeView(path, PosixFileAttributeView.class)
                        .setGroup(group);
            }
        }
    }

    private synchronized void launch() {
        int imap = LoopbackPorts.pickFree();
        int http = LoopbackPorts.pickFree();
        while (http == imap) {
            http = LoopbackPorts.pickFree();
        }
        try {
            Files.writeString(layout.cyrusConf(), CyrusConfig.cyrusConf(layout, programs, imap, http),
                    StandardCharsets.UTF_8);
            // master stays in the foreground as our child, so the JVM reaps it and its services at once.
            ProcessBuilder builder = new ProcessBuilder(programs.master().toString(),
                    "-C", layout.imapdConf().toString(), "-M", layout.cyrusConf().toString(),
                    "-p", layout.runDirectory().resolve("master.pid").toString(), "-D")
                    .directory(layout.base().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(layout.consoleFile().toFile());
            this.imapPort = imap;
            this.httpPort = http;
            this.master = ChildProcesses.start(builder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + programs.master(), e);
        }
        awaitServices();
    }

    private void awaitServices() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!master.isAlive()) {
                master = null;
                throw new IllegalStateException("Cyrus master exited while starting:\n" + logs());
            }
            if (ImapGreeting.served(imapPort) && ReadyProbe.status(jmapUrl()) > 0) {
                return;
            }
            Polling.sleep(Duration.ofMillis(20));
        }
        ChildProcesses.end(master, STOP_GRACE);
        master = null;
        // master logs a failed bind to syslog only and runs on without that service, so a port taken by another
        // process in the meantime also ends here.
        throw new IllegalStateException("Cyrus served no IMAP greeting on port " + imapPort + " or no HTTP on port "
                + httpPort + " within " + START_TIMEOUT + ":\n" + logs());
    }
}

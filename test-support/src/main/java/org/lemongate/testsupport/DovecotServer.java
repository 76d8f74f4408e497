package org.lemongate.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A private Dovecot IMAP server (Debian's dovecot-imapd) for one test class: its own temporary directory, its own
 * free port on 127.0.0.1, plaintext login without TLS, the users a test names, the special-use mailboxes Sent,
 * Drafts, Trash, Junk and Archive, "/" as hierarchy separator, and a storage quota that IMAP QUOTA reports.
 *
 * <pre>{@code
 * try (DovecotServer dovecot = DovecotServer.start(Map.of("alice", "secret"))) {
 *     connect to dovecot.imapUrl() ...
 * }
 * }</pre>
 *
 * <p>When Dovecot is not installed, starting one skips the test, or fails it when the {@link Interop} policy is
 * {@code required}. Several instances coexist in one JVM. {@link #stop()} and {@link #start()} restart an instance
 * on the same port with the same mail, for tests of a backend that goes away and comes back. A shutdown hook ends
 * any instance a test forgot to close.
 */
public final class DovecotServer implements AutoCloseable {

    private static final String PACKAGE = "dovecot-imapd";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final Duration DOVEADM_TIMEOUT = Duration.ofSeconds(30);
    private static final int LOG_TAIL_BYTES = 32 * 1024;

    private final DovecotConfig config;
    private final DovecotLayout layout;
    private final ServerAccounts accounts;
    private final Path dovecot;
    private final Path doveadm;
    private int port;
    private Process master;
    private boolean closed;

    private DovecotServer(DovecotConfig config, Path dovecot, Path doveadm) {
        this.config = config;
        this.dovecot = dovecot;
        this.doveadm = doveadm;
        this.layout = new DovecotLayout(Directories.createShared("lg-dovecot"));
        this.accounts = ServerAccounts.of(layout.base());
    }

    /**
     * Starts a Dovecot with these users and every other setting at its default.
     *
     * @param usersToPasswords user names to their plaintext passwords
     */
    public static DovecotServer start(Map<String, String> usersToPasswords) {
        return builder().users(usersToPasswords).start();
    }

    /**
     * Skips or fails the calling test, per the {@link Interop} policy, unless Dovecot and doveadm are installed;
     * for tests that must know before they prepare anything. Starting a server checks it too.
     *
     * @return the dovecot executable
     */
    public static Path requireInstalled() {
        Interop.requireCommand("doveadm", "dovecot-core");
        return Interop.requireCommand("dovecot", PACKAGE);
    }

    /** A builder for a Dovecot with a non-default quota, connection cap or extra settings. */
    public static Builder builder() {
        return new Builder();
    }

    /** The address the server listens on: always {@code 127.0.0.1}. */
    public String host() {
        return LoopbackPorts.HOST;
    }

    /** The IMAP port; fixed for the life of this instance, across restarts. */
    public synchronized int imapPort() {
        return port;
    }

    /** The process id of the running Dovecot master (its imap processes are its descendants), for CPU figures. */
    public synchronized long pid() {
        if (master == null || !master.isAlive()) {
            throw new IllegalStateException("Dovecot is not running");
        }
        return master.pid();
    }

    /** {@code imap://127.0.0.1:PORT}. */
    public String imapUrl() {
        return "imap://" + host() + ":" + imapPort();
    }

    /** The users and passwords this server accepts. */
    public Map<String, String> users() {
        return config.users();
    }

    /** Whether the server is running and serving IMAP. */
    public synchronized boolean isRunning() {
        return master != null && master.isAlive();
    }

    /**
     * Starts the server again after {@link #stop()}, on the same port and with the same mail; returns at once when
     * it is already running. Returns when the IMAP greeting is served.
     *
     * @throws IllegalStateException when Dovecot does not come up; the message carries its log
     */
    public synchronized DovecotServer start() {
        if (closed) {
            throw new IllegalStateException("This Dovecot was closed; start a new one");
        }
        if (isRunning()) {
            return this;
        }
        try {
            launchOn(port);
        } catch (PortTakenException taken) {
            throw new IllegalStateException("Another process took port " + port + " while Dovecot was stopped:\n"
                    + logs(), taken);
        }
        return this;
    }

    /**
     * Stops the server: returns when the master process has exited and the port refuses connections. Clients see
     * their connections closed, as when a real server goes down. Does nothing when already stopped.
     */
    public synchronized void stop() {
        if (master == null) {
            return;
        }
        ChildProcesses.end(master, STOP_GRACE);
        master = null;
        LoopbackPorts.awaitRefused(port, STOP_GRACE);
    }

    /** Stops the server and deletes its directory with all mail in it. */
    @Override
    public synchronized void close() {
        stop();
        closed = true;
        Directories.deleteRecursively(layout.base());
    }

    /**
     * Runs {@code doveadm} against this instance, for example {@code doveadm("mailbox", "create", "-u", "alice",
     * "Projects")} or {@code doveadm("who")}, and returns what it printed.
     *
     * @throws IllegalStateException when doveadm exits with an error; the message carries its output
     */
    public String doveadm(String... arguments) {
        return doveadm(null, arguments);
    }

    /**
     * Runs {@code doveadm} with a file as its standard input, for example to deliver a message:
     * {@code doveadm(Path.of("hello.eml"), "save", "-u", "alice", "-m", "INBOX")}.
     *
     * @throws IllegalStateException when doveadm exits with an error; the message carries its output
     */
    public String doveadm(Path standardInput, String... arguments) {
        List<String> command = new ArrayList<>(List.of(doveadm.toString(), "-c", layout.configFile().toString()));
        command.addAll(List.of(arguments));
        ShortCommand.Result result = ShortCommand.run(command, Map.of(), standardInput, layout.base(),
                DOVEADM_TIMEOUT);
        if (!result.succeeded()) {
            throw new IllegalStateException("doveadm " + String.join(" ", arguments) + " failed with exit code "
                    + result.exitCode() + ":\n" + result.output());
        }
        return result.output();
    }

    /** How many IMAP sessions {@code user} has logged in right now, as Dovecot itself counts them. */
    public int connectionCount(String user) {
        Objects.requireNonNull(user, "user");
        // "doveadm who -1" prints a header, then one "user proto pid ip" line per session.
        return (int) doveadm("who", "-1", user).lines()
                .skip(1)
                .map(String::trim)
                .filter(line -> line.split("\\s+")[0].equals(user))
                .count();
    }

    /** The end of Dovecot's log and console output, to print when a test fails. */
    public String logs() {
        return "--- " + layout.logFile() + "\n" + Directories.tail(layout.logFile(), LOG_TAIL_BYTES)
                + "\n--- " + layout.consoleFile() + "\n" + Directories.tail(layout.consoleFile(), LOG_TAIL_BYTES);
    }

    /** The instance's private directory, for tests of this class. */
    Path baseDirectory() {
        return layout.base();
    }

    @Override
    public String toString() {
        return "Dovecot at " + imapUrl() + " in " + layout.base();
    }

    private void firstStart() {
        writeUsersAndDirectories();
        PortTakenException.retrying(() -> launchOn(LoopbackPorts.pickFree()), this::logs);
    }

    private void writeUsersAndDirectories() {
        try {
            Files.writeString(layout.usersFile(), config.passwdFile(), StandardCharsets.UTF_8);
            // Dovecot's auth process reads it after dropping root; the passwords are throwaway test secrets.
            Files.setPosixFilePermissions(layout.usersFile(), PosixFilePermissions.fromString("rw-r--r--"));
            Files.createDirectories(layout.stateDirectory());
            Directories.createWorldWritable(layout.homeDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare " + layout.base(), e);
        }
    }

    private void launchOn(int imapPort) {
        try {
            Files.writeString(layout.configFile(), config.render(layout, accounts, imapPort), StandardCharsets.UTF_8);
            // -F keeps the master in the foreground as our child: the JVM sees it exit and reaps it at once.
            ProcessBuilder builder = new ProcessBuilder(dovecot.toString(), "-F", "-c", layout.configFile().toString())
                    .directory(layout.base().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(layout.consoleFile().toFile());
            this.port = imapPort;
            this.master = ChildProcesses.start(builder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + dovecot, e);
        }
        awaitGreeting();
    }

    private void awaitGreeting() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!master.isAlive()) {
                master = null;
                // Start-up errors such as a failed bind go to the console, which each launch starts afresh.
                if (Directories.tail(layout.consoleFile(), LOG_TAIL_BYTES).contains("Address already in use")) {
                    throw new PortTakenException("Dovecot");
                }
                throw new IllegalStateException("Dovecot exited while starting on port " + port + ":\n" + logs());
            }
            if (ImapGreeting.served(port)) {
                return;
            }
            Polling.sleep(Duration.ofMillis(20));
        }
        ChildProcesses.end(master, STOP_GRACE);
        master = null;
        throw new IllegalStateException("Dovecot served no IMAP greeting on port " + port + " within "
                + START_TIMEOUT + ":\n" + logs());
    }

    /** Collects the settings of a {@link DovecotServer} and starts it. */
    public static final class Builder {

        private final Map<String, String> users = new LinkedHashMap<>();
        private final Map<String, String> extraSettings = new LinkedHashMap<>();
        private long storageQuotaBytes = DovecotConfig.DEFAULT_STORAGE_QUOTA_BYTES;
        private int maxUserIpConnections = DovecotConfig.DEFAULT_MAX_USERIP_CONNECTIONS;
        private boolean loginDelays;

        private Builder() {
        }

        /** Adds a user; names are 1 to 64 of {@code A-Z a-z 0-9 . _ @ + -}, passwords have no ':'. */
        public Builder user(String name, String password) {
            users.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(password, "password"));
            return this;
        }

        /** Adds several users, names to plaintext passwords. */
        public Builder users(Map<String, String> usersToPasswords) {
            usersToPasswords.forEach(this::user);
            return this;
        }

        /** Each user's storage quota in bytes (default 1 GiB); IMAP QUOTA reports it in units of 1024 bytes. */
        public Builder storageQuotaBytes(long bytes) {
            this.storageQuotaBytes = bytes;
            return this;
        }

        /** Dovecot's {@code mail_max_userip_connections}: IMAP sessions per user and client address (default 10). */
        public Builder maxUserIpConnections(int connections) {
            this.maxUserIpConnections = connections;
            return this;
        }

        /**
         * Whether to keep Dovecot's own slow-down of failed logins: a 2 s delay per failure and a penalty per client
         * address that doubles up to 15 s and delays even the next correct login. Off by default so tests can fail
         * logins on purpose; turn it on to test how the gateway keeps its own address out of that penalty.
         */
        public Builder loginDelays(boolean enabled) {
            this.loginDelays = enabled;
            return this;
        }

        /**
         * Any further top-level Dovecot setting, such as {@code setting("imap_idle_notify_interval", "1 secs")};
         * written after the generated ones, so it also overrides them.
         */
        public Builder setting(String name, String value) {
            extraSettings.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Starts the server and returns once it serves the IMAP greeting. Skips or fails the calling test, per the
         * {@link Interop} policy, when Dovecot is not installed.
         *
         * @throws IllegalArgumentException for an invalid user, password, quota or setting
         * @throws IllegalStateException when Dovecot does not come up; the message carries its log
         */
        public DovecotServer start() {
            DovecotConfig config = new DovecotConfig(users, storageQuotaBytes, maxUserIpConnections, loginDelays,
                    extraSettings);
            Path dovecot = requireInstalled();
            Path doveadm = Interop.requireCommand("doveadm", "dovecot-core");
            DovecotServer server = new DovecotServer(config, dovecot, doveadm);
            try {
                server.firstStart();
                return server;
            } catch (RuntimeException failure) {
                server.close();
                throw failure;
            }
        }
    }
}

package org.lemongate.webdav;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.lemongate.testsupport.Interop;

/**
 * A headless desktop session for a WebDAV client that lives on D-Bus (gvfs, kio): a private session bus, a private
 * home and runtime directory, and commands run in it with a time limit each.
 *
 * <p>Every process started here carries a marker in its environment, and closing ends every process that still
 * carries it. That is the only reliable way to leave nothing behind: the bus activates daemons (gvfsd, kded5) and
 * kio's daemons and workers detach to init, so neither the bus's nor the command's process tree holds them all.
 */
final class DesktopSession implements AutoCloseable {

    /** The most any one client command may take; a hung client fails the test instead of hanging it. */
    static final Duration COMMAND_LIMIT = Duration.ofSeconds(60);

    private static final String MARKER = "LEMONGATE_DESKTOP_SESSION";
    private static final Duration BUS_START_LIMIT = Duration.ofSeconds(15);

    private final Path home;
    private final Map<String, String> environment;
    private final String marker;
    private final Process bus;
    private int commands;

    private DesktopSession(Path home, Map<String, String> environment, String marker, Process bus) {
        this.home = home;
        this.environment = environment;
        this.marker = marker;
        this.bus = bus;
    }

    /**
     * Starts the session bus (skips or fails the test, by the {@link Interop} policy, without dbus-daemon).
     *
     * @param home        the session's home directory (configuration, caches and command output go below it)
     * @param environment what the clients need on top of the private home, runtime directory and bus
     */
    static DesktopSession start(Path home, Map<String, String> environment) throws IOException, InterruptedException {
        Path dbusDaemon = Interop.requireCommand("dbus-daemon", "dbus-daemon");
        Path runtime = Files.createDirectories(home.resolve("runtime"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        String marker = UUID.randomUUID().toString();
        Map<String, String> env = new HashMap<>(environment);
        env.put("HOME", home.toString());
        env.put("XDG_RUNTIME_DIR", runtime.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
        env.put("XDG_DATA_HOME", home.resolve(".local/share").toString());
        env.put(MARKER, marker);
        ProcessBuilder pb = new ProcessBuilder(dbusDaemon.toString(), "--session", "--nofork", "--nopidfile",
                "--print-address=1")
                .redirectError(home.resolve("dbus-daemon.log").toFile());
        pb.environment().putAll(env);
        Process bus = pb.start();
        DesktopSession session = new DesktopSession(home, env, marker, bus);
        try {
            env.put("DBUS_SESSION_BUS_ADDRESS", session.busAddress());
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
        return session;
    }

    private String busAddress() throws IOException, InterruptedException {
        BufferedReader out = new BufferedReader(new InputStreamReader(bus.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String address = line.get(BUS_START_LIMIT.toSeconds(), TimeUnit.SECONDS);
            if (address == null || !address.startsWith("unix:")) {
                throw new IOException("dbus-daemon gave no bus address: " + address + "\n"
                        + Files.readString(home.resolve("dbus-daemon.log")));
            }
            return address.strip();
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("dbus-daemon did not start within " + BUS_START_LIMIT, e);
        }
    }

    /** What a command printed (stdout and stderr together) and how it ended. */
    record Result(int status, String output) {

        /** The output's lines, without blank ones. */
        List<String> lines() {
            return output.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    /**
     * Runs a command in the session and fails the test when it exceeds {@link #COMMAND_LIMIT}.
     *
     * @param stdin what the command reads (e.g. a password prompt's answer); empty for nothing
     */
    Result run(String stdin, String... command) throws IOException, InterruptedException {
        int n = ++commands;
        // Output goes to a file, not a pipe: a daemon the command spawns would inherit the pipe and keep it open.
        Path output = home.resolve("command-" + n + ".out");
        Path input = Files.writeString(home.resolve("command-" + n + ".in"), stdin);
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(input.toFile());
        pb.environment().putAll(environment);
        Process p = pb.start();
        boolean finished = p.waitFor(COMMAND_LIMIT.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        assertTrue(finished, String.join(" ", command) + " did not finish within " + COMMAND_LIMIT + ":\n" + text);
        return new Result(p.exitValue(), text);
    }

    /** Ends the bus and every process this session started, detached or not, and waits until they are gone. */
    @Override
    public void close() throws IOException, InterruptedException {
        List<ProcessHandle> started = new ArrayList<>(marked());
        bus.toHandle().descendants().forEach(started::add);
        started.add(bus.toHandle());
        started.forEach(ProcessHandle::destroy);
        for (ProcessHandle h : started) {
            try {
                h.onExit().get(5, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                h.destroyForcibly();
            }
        }
        // A daemon may have spawned another while the first ones were ending.
        marked().forEach(ProcessHandle::destroyForcibly);
    }

    /** The live processes whose environment carries this session's marker (Linux: read from /proc). */
    private List<ProcessHandle> marked() {
        String entry = MARKER + "=" + marker;
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses()
                .filter(h -> h.pid() != self && h.isAlive())
                .filter(h -> environmentContains(h.pid(), entry))
                .toList();
    }

    private static boolean environmentContains(long pid, String entry) {
        try {
            byte[] env = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
            return Arrays.asList(new String(env, StandardCharsets.UTF_8).split("\0")).contains(entry);
        } catch (IOException | SecurityException e) {
            // Gone meanwhile, or not ours to read: either way not one of this session's processes.
            return false;
        }
    }
}

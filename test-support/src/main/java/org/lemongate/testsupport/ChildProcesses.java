package org.lemongate.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The server processes this JVM started. A shutdown hook ends every one still running, so a test run that forgets
 * to close a server (or dies on a failed assertion before {@code close()}) leaves no Dovecot or Tomcat behind.
 *
 * <p>Servers run as direct children of the JVM, never daemonised: the JVM then reaps them at once. An orphaned
 * daemon is reaped by PID 1, which in some containers happens seconds later, and until then it still looks alive.
 */
final class ChildProcesses {

    private static final Duration HOOK_GRACE = Duration.ofSeconds(5);
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::endAll, "lemongate-test-servers-cleanup"));
    }

    private ChildProcesses() {
    }

    /** Starts a server process and remembers it until it exits. */
    static Process start(ProcessBuilder builder) throws IOException {
        Process process = builder.start();
        LIVE.add(process);
        process.onExit().thenRun(() -> LIVE.remove(process));
        return process;
    }

    /**
     * Ends a server and every process it started: SIGTERM to the server, then to whatever of its process tree
     * outlives it, then SIGKILL to anything still there after {@code grace}. Dovecot's master exits on SIGTERM
     * while the imap processes serving open sessions live on for seconds, so ending the master alone would leave
     * clients connected to a server that is supposed to be down.
     *
     * @return whether everything ended without SIGKILL
     */
    static boolean end(Process process, Duration grace) {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroy();
        boolean graceful = waitFor(process, grace);
        if (!graceful) {
            process.destroyForcibly();
            waitFor(process, grace);
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        while (tree.stream().anyMatch(ChildProcesses::running)) {
            if (System.nanoTime() > deadline) {
                tree.stream().filter(ChildProcesses::running).forEach(ProcessHandle::destroyForcibly);
                return false;
            }
            Polling.sleep(Duration.ofMillis(20));
        }
        return graceful;
    }

    /**
     * Whether a process still runs. A grandchild that exited stays a zombie until PID 1 reaps it, which some
     * container init processes do late; it holds no sockets or files any more, so it counts as ended.
     */
    static boolean running(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
            // Format: "pid (command) state ..."; the command may itself contain spaces or parentheses.
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException unreadable) {
            return handle.isAlive();
        }
    }

    /** Waits for a process to exit; returns whether it did in time. Keeps the caller's interrupt status. */
    static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static void endAll() {
        List.copyOf(LIVE).forEach(process -> end(process, HOOK_GRACE));
    }
}

package org.lemongate.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar lemongate.jar} as a child process, its standard output and error merged and collected line by
 * line so that a test can wait for what it prints and show all of it when something fails.
 */
final class ChildGateway implements AutoCloseable {

    private final Process process;
    private final List<String> output = new ArrayList<>();
    private boolean outputEnded;

    private ChildGateway(Process process) {
        this.process = process;
        Thread reader = new Thread(this::collect, "lemongate-child-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the jar with these arguments. */
    static ChildGateway start(Path jar, String... args) throws IOException {
        return start(jar, Map.of(), args);
    }

    /** Starts the jar with these arguments and these environment variables added. */
    static ChildGateway start(Path jar, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar",
                jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        // The child must not pick up the developer's or CI's gateway settings.
        pb.environment().keySet().removeIf(k -> k.startsWith(ConfigKey.ENV_PREFIX) && !k.equals("LEMONGATE_INTEROP"));
        pb.environment().putAll(env);
        return new ChildGateway(pb.start());
    }

    /** Waits until a line containing {@code text} was printed; false if the output ended or time ran out first. */
    boolean awaitLine(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (output) {
            while (output.stream().noneMatch(l -> l.contains(text))) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0 || outputEnded) {
                    return false;
                }
                output.wait(left);
            }
            return true;
        }
    }

    /**
     * Waits until the gateway says it is serving. True when it does; false when it could not bind its port because
     * another process took it after {@code LoopbackPorts.pickFree} found it free (the caller picks another and
     * starts again); any other failure to start fails the test with everything the gateway printed.
     */
    boolean awaitServingOrLostPort(Duration timeout) throws InterruptedException {
        if (awaitLine("Press Ctrl-C to stop.", timeout)) {
            return true;
        }
        if (output().contains("Address already in use")) {
            return false;
        }
        throw new AssertionError("gateway did not start:\n" + output());
    }

    /** Waits for the process to end and returns its exit status. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("still running after " + timeout + ":\n" + output());
        }
        return process.exitValue();
    }

    /** Everything printed so far. */
    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    /** Asks the process to stop as Ctrl-C or SIGTERM would. */
    void terminate() {
        process.destroy();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void collect() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (output) {
                    output.add(line);
                    output.notifyAll();
                }
            }
        } catch (IOException e) {
            synchronized (output) {
                output.add("(output unreadable: " + e.getMessage() + ")");
            }
        } finally {
            synchronized (output) {
                outputEnded = true;
                output.notifyAll();
            }
        }
    }
}

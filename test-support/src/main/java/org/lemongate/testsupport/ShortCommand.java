package org.lemongate.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs a tool that does its job and exits (doveadm, catalina.sh stop), with a deadline and its output captured in
 * a file, so a chatty tool can never block on a full pipe and a stuck one can never hang a test.
 */
final class ShortCommand {

    /** More than any admin command prints in a test; longer output is cut to its last part. */
    private static final int MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

    private ShortCommand() {
    }

    /** What a finished command left behind. */
    record Result(int exitCode, String output) {
        boolean succeeded() {
            return exitCode == 0;
        }
    }

    /**
     * Runs {@code command} in {@code workDirectory} with extra environment variables and optional standard input.
     *
     * @throws IllegalStateException when it does not finish before {@code timeout}; it is killed first
     */
    static Result run(List<String> command, Map<String, String> environment, Path standardInput,
                      Path workDirectory, Duration timeout) {
        Path output = null;
        try {
            output = Files.createTempFile(workDirectory, "command-", ".out");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            // Without input of its own a tool reads an empty stream, never the JVM's pipe, so it cannot wait on it.
            builder.redirectInput(standardInput != null ? standardInput.toFile() : new File("/dev/null"));
            Process process = builder.start();
            if (!ChildProcesses.waitFor(process, timeout)) {
                ChildProcesses.end(process, Duration.ofSeconds(2));
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout
                        + "; output:\n" + Directories.tail(output, MAX_OUTPUT_BYTES));
            }
            return new Result(process.exitValue(), Directories.tail(output, MAX_OUTPUT_BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + String.join(" ", command), e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // a leftover output file inside the server's own temp directory goes with it on close()
                }
            }
        }
    }
}

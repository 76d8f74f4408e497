package org.lemongate.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a client tool for an interop test and fails the test when it fails or hangs. */
final class Commands {

    private Commands() {
    }

    /** Runs {@code command} in {@code directory} and returns its output (stdout and stderr). */
    static String run(Path directory, Duration timeout, List<String> command) throws Exception {
        Path output = Files.createTempFile("lemongate-command-", ".out");
        try {
            Process p = new ProcessBuilder(command).directory(directory == null ? null : directory.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).redirectInput(new File("/dev/null"))
                    .start();
            boolean finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                p.destroyForcibly();
            }
            String out = Files.readString(output, StandardCharsets.UTF_8);
            assertTrue(finished, command.get(0) + " finished within " + timeout + ": " + out);
            assertEquals(0, p.exitValue(), command + " failed: " + out);
            return out;
        } finally {
            Files.deleteIfExists(output);
        }
    }
}

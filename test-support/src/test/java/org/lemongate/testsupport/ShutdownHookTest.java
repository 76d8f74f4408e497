package org.lemongate.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ShutdownHookTest {

    @Test
    void endsEveryDovecotProcessWhenTheJvmExitsWithoutClosing() throws Exception {
        DovecotServer.requireInstalled();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                ForgottenDovecot.class.getName())
                .redirectErrorStream(true)
                .start();
        String line;
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            line = output.readLine();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child JVM did not exit");
        }
        assertEquals(0, child.exitValue(), "child JVM output: " + line);
        String[] portAndBase = line.split(" ", 2);
        int port = Integer.parseInt(portAndBase[0]);
        Path base = Path.of(portAndBase[1]);
        try {
            assertFalse(LoopbackPorts.accepts(port), "Dovecot still serves after its JVM exited");
            assertEquals(List.of(), processesMentioning(base.getFileName().toString()));
        } finally {
            Directories.deleteRecursively(base);
        }
    }

    /** Live processes whose command line (or Dovecot's process title) names the instance's directory. */
    private static List<String> processesMentioning(String text) throws IOException {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes
                    .filter(directory -> directory.getFileName().toString().matches("\\d+"))
                    .filter(directory -> ChildProcesses.running(ProcessHandle.of(
                            Long.parseLong(directory.getFileName().toString())).orElse(ProcessHandle.current())))
                    .map(ShutdownHookTest::commandLine)
                    .filter(commandLine -> commandLine.contains(text))
                    .toList();
        }
    }

    private static String commandLine(Path process) {
        try {
            return new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException gone) {
            return "";
        }
    }
}

package org.lemongate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The command line's answers to help and to bad input, without starting anything. */
class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpPrintsTheOptionsAndSucceeds() {
        assertEquals(0, run(Map.of(), "--help"));
        assertEquals(HelpText.render(), out.toString(StandardCharsets.UTF_8));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aBadValueIsOneLineOnStandardErrorAndStatusTwo() {
        assertEquals(2, run(Map.of(), "--port", "99999"));
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.startsWith("lemongate: invalid value '99999' for --port"), message);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aBadEnvironmentVariableIsReportedTheSameWay() {
        assertEquals(2, run(Map.of("LEMONGATE_MAX_UPLOAD", "lots")));
        assertTrue(err.toString(StandardCharsets.UTF_8)
                .startsWith("lemongate: invalid value 'lots' for LEMONGATE_MAX_UPLOAD (from the environment)"));
    }

    @Test
    void anUnknownCommandIsRefused() {
        assertEquals(2, run(Map.of(), "launch"));
        assertEquals("lemongate: unknown command 'launch' (see --help)", err.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void servingPlainHttpBeyondThisHostIsPointedOut() {
        assertTrue(Main.plainHttpWarning(ConfigLoader.forCommandLine(CommandLine.parse(), Map.of())).isEmpty(),
                "loopback");
        String note = Main.plainHttpWarning(ConfigLoader.forCommandLine(CommandLine.parse("--bind", "0.0.0.0"),
                Map.of())).orElseThrow();
        assertTrue(note.contains("credentials from other hosts are refused"), note);
        String warning = Main.plainHttpWarning(ConfigLoader.forCommandLine(
                CommandLine.parse("--bind", "0.0.0.0", "--insecure-credentials", "allow"), Map.of())).orElseThrow();
        assertTrue(warning.startsWith("Warning:"), warning);
    }
}

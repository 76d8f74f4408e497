package org.lemongate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lemongate.testsupport.Interop;

/**
 * The example configurations in docs/examples are accepted by the tools that will read them: {@code nginx -t},
 * {@code haproxy -c} and {@code systemd-analyze verify}, with only the paths of certificates, logs, the pid file
 * and the java executable moved to this machine's. Skipped without those tools unless the interop suite is required.
 */
class DeploymentExamplesTest {

    private static final Path EXAMPLES = Path.of("../docs/examples");
    private static final long TOOL_TIMEOUT_SECONDS = 60;

    @TempDir
    Path temp;

    @Test
    void nginxAcceptsTheExample() throws Exception {
        Path nginx = Interop.requireCommand("nginx", "nginx");
        TestCertificates certificate = TestCertificates.create("RSA");
        Path config = substituted("nginx.conf", Map.of(
                "/var/log/nginx/", temp + "/",
                "/run/nginx.pid", temp.resolve("nginx.pid").toString(),
                "/etc/ssl/lemongate/fullchain.pem", certificate.writeCertificate(temp.resolve("cert.pem")).toString(),
                "/etc/ssl/lemongate/privkey.pem", certificate.writePkcs8Key(temp.resolve("key.pem")).toString()));

        Result check = run(nginx.toString(), "-t", "-q", "-c", config.toString(), "-e",
                temp.resolve("error.log").toString());

        assertEquals(0, check.exitCode(), check.output() + Files.readString(temp.resolve("error.log")));
    }

    @Test
    void haproxyAcceptsTheExample() throws Exception {
        Path haproxy = Interop.requireCommand("haproxy", "haproxy");
        TestCertificates certificate = TestCertificates.create("RSA");
        Path combined = temp.resolve("combined.pem");
        Files.writeString(combined, Files.readString(certificate.writeCertificate(temp.resolve("cert.pem")))
                + Files.readString(certificate.writePkcs8Key(temp.resolve("key.pem"))));
        Path config = substituted("haproxy.cfg", Map.of(
                "/etc/haproxy/certs/mail.example.com.pem", combined.toString()));

        Result check = run(haproxy.toString(), "-c", "-f", config.toString());

        assertEquals(0, check.exitCode(), check.output());
        assertTrue(check.output().contains("Configuration file is valid"), check.output());
    }

    @Test
    void systemdAcceptsTheUnitWithoutWarnings() throws Exception {
        Path analyze = Interop.requireCommand("systemd-analyze", "systemd");
        // systemd checks that ExecStart's program exists; CI's Java need not be at /usr/bin/java.
        Path unit = substituted("lemongate.service", Map.of(
                "/usr/bin/java", Path.of(System.getProperty("java.home"), "bin", "java").toString()));

        Result check = run(analyze.toString(), "verify", unit.toString());

        // Unknown or misspelt keys are only warnings: the output must be empty, not just the exit code zero.
        assertEquals(0, check.exitCode(), check.output());
        assertEquals("", check.output().strip());
    }

    private Path substituted(String example, Map<String, String> replacements) throws IOException {
        String text = Files.readString(EXAMPLES.resolve(example), StandardCharsets.UTF_8);
        for (Map.Entry<String, String> replacement : replacements.entrySet()) {
            assertTrue(text.contains(replacement.getKey()), example + " no longer mentions " + replacement.getKey());
            text = text.replace(replacement.getKey(), replacement.getValue());
        }
        return Files.writeString(temp.resolve(example), text, StandardCharsets.UTF_8);
    }

    private record Result(int exitCode, String output) {
    }

    private Result run(String... command) throws IOException, InterruptedException {
        Path output = temp.resolve("tool.out");
        Process process = new ProcessBuilder(new ArrayList<>(List.of(command)))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(new File("/dev/null"))
                .start();
        if (!process.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish");
        }
        return new Result(process.exitValue(), Files.readString(output));
    }
}

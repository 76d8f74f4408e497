package org.lemongate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lemongate.testsupport.Interop;
import org.lemongate.testsupport.LoopbackPorts;

/**
 * The example configurations in docs/examples are accepted by the tools that will read them: {@code nginx -t},
 * {@code haproxy -c} and {@code systemd-analyze verify}, with only the paths of certificates, logs, the pid file and
 * the java executable moved to this machine's; and the nginx example, on loopback ports, really serves an in-process
 * gateway under {@code /gw/} with correct public URLs. Skipped without those tools unless the interop suite is
 * required.
 */
class DeploymentExamplesTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(TestGateway.mailSetup());

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

    @Test
    void theNginxExampleServesTheGatewayUnderItsPrefix() throws Exception {
        Path nginx = Interop.requireCommand("nginx", "nginx");
        MAIL.setUser("erin@example.org", "erin", "erin-secret");
        int plainPort = LoopbackPorts.pickFree();
        int tlsPort = LoopbackPorts.pickFree();
        URI front = URI.create("https://localhost:" + tlsPort + "/gw/");
        TestCertificates certificate = TestCertificates.create("RSA");
        try (EmbeddedServer gateway = TestGateway.start(MAIL.getImap().getPort(), MAIL.getSmtp().getPort(),
                "--trusted-proxies", "127.0.0.1", "--public-url", front.toString())) {
            Path config = substituted("nginx.conf", Map.of(
                    "/var/log/nginx/", temp + "/",
                    "/run/nginx.pid", temp.resolve("nginx.pid").toString(),
                    "/etc/ssl/lemongate/fullchain.pem",
                    certificate.writeCertificate(temp.resolve("cert.pem")).toString(),
                    "/etc/ssl/lemongate/privkey.pem", certificate.writePkcs8Key(temp.resolve("key.pem")).toString(),
                    "listen 80;", "listen 127.0.0.1:" + plainPort + ";",
                    "listen 443 ssl http2;", "listen 127.0.0.1:" + tlsPort + " ssl http2;",
                    "server 127.0.0.1:8080;", "server 127.0.0.1:" + gateway.baseUri().getPort() + ";"));
            Process proxy = new ProcessBuilder(nginx.toString(), "-c", config.toString(), "-e",
                    temp.resolve("error.log").toString(), "-g", "daemon off;")
                    .redirectErrorStream(true).redirectOutput(temp.resolve("nginx.out").toFile()).start();
            try {
                awaitListening(proxy, tlsPort);
                HttpClient https = HttpClient.newBuilder().sslContext(certificate.clientContext()).build();

                HttpResponse<String> wsdl = https.send(HttpRequest.newBuilder(front.resolve("soap/mail?wsdl"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, wsdl.statusCode(), wsdl.body());
                assertTrue(wsdl.body().contains("location=\"" + front + "soap/mail\""), wsdl.body());
                HttpResponse<String> mailboxes = https.send(HttpRequest.newBuilder(front.resolve("api/v1/mailboxes"))
                        .header("Authorization", TestGateway.basic("erin", "erin-secret")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, mailboxes.statusCode(), mailboxes.body());
                assertTrue(mailboxes.body().contains("INBOX"), mailboxes.body());
                HttpResponse<String> plain = TestGateway.get(URI.create("http://127.0.0.1:" + plainPort
                        + "/gw/api/v1/mailboxes"));
                assertEquals(301, plain.statusCode());
                assertEquals("https://127.0.0.1/gw/api/v1/mailboxes", plain.headers().firstValue("Location")
                        .orElse(""));
            } finally {
                proxy.descendants().forEach(ProcessHandle::destroy);
                proxy.destroy();
                proxy.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private void awaitListening(Process proxy, int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!LoopbackPorts.accepts(port)) {
            if (!proxy.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("nginx did not start:\n" + Files.readString(temp.resolve("nginx.out"))
                        + Files.readString(temp.resolve("error.log")));
            }
            Thread.sleep(20);
        }
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

package org.lemongate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lemongate.compare.ClientResult;
import org.lemongate.compare.Compare;
import org.lemongate.compare.Endpoints;
import org.lemongate.compare.Report;
import org.lemongate.compare.StepResult;
import org.lemongate.compare.WorkloadSize;
import org.lemongate.testsupport.Interop;
import org.lemongate.testsupport.LoopbackPorts;

/**
 * {@code --proxy}: every client's traffic goes through a real HTTP proxy (Debian's tinyproxy) — HTTP in absolute form,
 * IMAP and SMTP in CONNECT tunnels — and each step reports that it survived it.
 */
class CompareThroughProxyTest {

    @Test
    void everyClientGoesThroughTheProxyAndSurvivesIt(@TempDir Path dir) throws Exception {
        Path tinyproxy = Interop.requireCommand("tinyproxy", "tinyproxy");
        int port = LoopbackPorts.pickFree();
        Path config = Files.writeString(dir.resolve("tinyproxy.conf"), "Port " + port + "\nListen 127.0.0.1\n"
                + "Allow 127.0.0.1\nTimeout 60\nMaxClients 50\nDisableViaHeader Yes\nLogLevel Connect\n");
        Path log = dir.resolve("tinyproxy.log");
        Process proxy = new ProcessBuilder(tinyproxy.toString(), "-d", "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try (DemoMailServer demo = DemoMailServer.start();
             EmbeddedServer gateway = TestGateway.start(demo.imapUrl().getPort(), demo.smtpUrl().getPort())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!LoopbackPorts.accepts(port) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Endpoints endpoints = new Endpoints(gateway.baseUri(), demo.imapUrl(), Optional.of(demo.smtpUrl()),
                    Optional.of(URI.create("http://127.0.0.1:" + port)), DemoMailServer.USER,
                    DemoMailServer.PASSWORD);
            Report report = Compare.run(endpoints, new WorkloadSize(WorkloadSize.MIN_MESSAGES, 100_000),
                    "demo@lemongate.localhost", new PrintStream(new ByteArrayOutputStream(), true,
                            StandardCharsets.UTF_8));

            assertTrue(report.throughProxy());
            for (ClientResult c : report.clients()) {
                for (StepResult s : c.steps()) {
                    assertTrue(s.status() != StepResult.Status.FAILED, c.client() + " " + s.step() + ": " + s.note());
                }
            }
            String proxied = Files.readString(log);
            assertTrue(proxied.contains("GET http://localhost:" + gateway.baseUri().getPort() + "/api/v1/"), proxied);
            assertTrue(proxied.contains("POST http://localhost:" + gateway.baseUri().getPort() + "/soap/mail"));
            assertTrue(proxied.contains("PROPFIND http://localhost:" + gateway.baseUri().getPort() + "/dav/"));
            assertTrue(proxied.contains("CONNECT 127.0.0.1:" + demo.imapUrl().getPort()), proxied);
            assertTrue(proxied.contains("CONNECT 127.0.0.1:" + demo.smtpUrl().getPort()), proxied);
            Compare.publish(report, dir.resolve("reports"));
            assertTrue(Files.readString(dir.resolve("reports/latest/report.md")).contains("ok (survived the proxy)"));
            assertEquals(0, report.clients().stream().flatMap(c -> c.steps().stream())
                    .filter(s -> s.status() == StepResult.Status.FAILED).count());
        } finally {
            proxy.destroy();
            proxy.waitFor();
        }
    }
}

package org.lemongate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lemongate.app.TestGateway.basic;
import static org.lemongate.app.TestGateway.get;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;

import org.junit.jupiter.api.Test;
import org.lemongate.testsupport.LoopbackPorts;

/** The built {@code lemongate.jar}, run the way a user runs it. */
class JarLaunchIT {

    private static final Path JAR = Path.of(System.getProperty("lemongate.jar", "target/lemongate.jar"));
    private static final Duration START = Duration.ofSeconds(90);

    @Test
    void helpListsEveryOptionAndExitsZero() throws Exception {
        try (ChildGateway child = ChildGateway.start(JAR, "--help")) {
            assertEquals(0, child.awaitExit(START), child.output());
            String help = child.output();
            for (ConfigKey key : ConfigKey.values()) {
                assertTrue(help.contains("--" + key.key()) && help.contains(key.environmentVariable()),
                        key.key() + " in " + help);
            }
        }
    }

    @Test
    void aBadValueExitsWithStatusTwoAndOneLine() throws Exception {
        try (ChildGateway child = ChildGateway.start(JAR, "--port", "http")) {
            assertEquals(2, child.awaitExit(START), child.output());
            assertEquals("lemongate: invalid value 'http' for --port (from the command line): expected a whole "
                    + "number between 0 and 65535", child.output());
        }
    }

    @Test
    void servesARealImapServerNamedInTheEnvironmentAndStopsOnSigterm() throws Exception {
        GreenMail mail = new GreenMail(TestGateway.mailSetup());
        mail.start();
        try {
            mail.setUser("dave@example.org", "dave", "dave-secret");
            int port = LoopbackPorts.pickFree();
            Map<String, String> env = Map.of("LEMONGATE_IMAP", "imap://127.0.0.1:" + mail.getImap().getPort(),
                    "LEMONGATE_IMAP_STARTTLS", "off", "LEMONGATE_BINDINGS", "rest");
            try (ChildGateway child = ChildGateway.start(JAR, env, "--port", Integer.toString(port))) {
                assertTrue(child.awaitLine("Press Ctrl-C to stop.", START), "no URLs printed:\n" + child.output());
                assertFalse(child.output().contains("WSDL") || child.output().contains("demo"), child.output());
                URI base = URI.create("http://127.0.0.1:" + port + "/");
                assertEquals(200, get(base.resolve("readyz")).statusCode());
                HttpResponse<String> mailboxes = get(base.resolve("api/v1/mailboxes"),
                        "Authorization", basic("dave", "dave-secret"));
                assertEquals(200, mailboxes.statusCode(), mailboxes.body());
                assertTrue(mailboxes.body().contains("INBOX"), mailboxes.body());

                child.terminate();
                assertEquals(143, child.awaitExit(Duration.ofSeconds(30)), "SIGTERM ends the JVM:\n" + child.output());
            }
        } finally {
            mail.stop();
        }
    }

    @Test
    void demoModeServesTheSampleMailboxAndStopsOnSigterm() throws Exception {
        int port = LoopbackPorts.pickFree();
        try (ChildGateway child = ChildGateway.start(JAR, "--port", Integer.toString(port))) {
            assertTrue(child.awaitLine("Press Ctrl-C to stop.", START), "no URLs printed:\n" + child.output());
            String out = child.output();
            URI base = URI.create("http://localhost:" + port + "/");
            assertTrue(out.contains("REST API:             " + base + "api/v1"), out);
            assertTrue(out.contains("WSDL:                 " + base + "soap/mail?wsdl"), out);
            assertTrue(out.contains("user demo, password demo"), out);

            assertEquals(200, get(URI.create("http://127.0.0.1:" + port + "/readyz")).statusCode());
            HttpResponse<String> wsdl = get(URI.create("http://127.0.0.1:" + port + "/soap/mail?wsdl"));
            assertEquals(200, wsdl.statusCode(), "CXF works from the shaded jar: " + wsdl.body());
            HttpResponse<String> mailboxes = get(URI.create("http://127.0.0.1:" + port + "/api/v1/mailboxes"),
                    "Authorization", basic("demo", "demo"));
            assertEquals(200, mailboxes.statusCode(), mailboxes.body());
            assertTrue(mailboxes.body().contains("Projects/Lemongate"), mailboxes.body());

            child.terminate();
            assertEquals(143, child.awaitExit(Duration.ofSeconds(30)), "SIGTERM ends the JVM:\n" + child.output());
        }
    }
}

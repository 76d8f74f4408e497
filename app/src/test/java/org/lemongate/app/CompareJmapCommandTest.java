package org.lemongate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lemongate.compare.Compare;
import org.lemongate.compare.Step;
import org.lemongate.testsupport.CyrusServer;
import org.lemongate.testsupport.LoopbackPorts;

/**
 * {@code lemongate.jar compare --imap ... --smtp ... --user ... --password ... --jmap ... --out DIR} through the
 * command's own entry point, against a private Cyrus: the gateway it starts and the IMAP baseline use Cyrus's IMAP,
 * the JMAP client Cyrus's own JMAP, whose submissions go to an SMTP server of their own. The three reports must carry
 * a JMAP column with real figures for every step.
 */
class CompareJmapCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void jmapColumnInEveryReport(@TempDir Path out) throws Exception {
        GreenMail gatewaySmtp = smtpServer();
        GreenMail cyrusSmtp = smtpServer();
        gatewaySmtp.setUser("ann@localhost", "ann", "secret");
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.classic.Level rootLevel = root.getLevel();
        try (CyrusServer cyrus = CyrusServer.startSubmittingTo(Map.of("ann", "secret"),
                cyrusSmtp.getSmtp().getPort())) {
            int status = Main.run(new String[] {"compare", "--imap", cyrus.imapUrl(),
                    "--smtp", "smtp://127.0.0.1:" + gatewaySmtp.getSmtp().getPort(), "--user", "ann",
                    "--password", "secret", "--jmap", "http://127.0.0.1:" + cyrus.httpPort() + "/",
                    "--messages", "51", "--attachment-size", "300000", "--out", out.toString()}, Map.of(),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(progress, true, StandardCharsets.UTF_8));
            String log = progress.toString(StandardCharsets.UTF_8);
            assertEquals(0, status, log);
            assertEquals(rootLevel, root.getLevel(), "the command quiets the gateway's log only while it runs");

            Path latest = out.resolve(Compare.LATEST);
            JsonNode jmap = client(JSON.readTree(latest.resolve("report.json").toFile()), "JMAP");
            assertEquals(Step.values().length, jmap.path("steps").size());
            for (JsonNode step : jmap.path("steps")) {
                String what = "JMAP " + step.path("step").asText() + " (" + step.path("note").asText() + ")";
                assertEquals("OK", step.path("status").asText(), what);
                JsonNode traffic = step.path("traffic");
                assertTrue(traffic.path("roundTrips").asLong() > 0 && traffic.path("bytesSent").asLong() > 0
                        && traffic.path("bytesReceived").asLong() > 0, what + ": " + traffic);
                // The push step's latencies are those of delivery; every other step's are of its requests.
                String latency = step.path("step").asText().equals("push") ? "pushP50Ms" : "p50Ms";
                assertTrue(step.path(latency).asDouble() > 0, what + ": " + latency);
            }
            assertEquals(10, step(jmap, "push").path("pushMs").size());
            assertTrue(step(jmap, "push").path("note").asText().contains("polled Email/changes"));

            String md = Files.readString(latest.resolve("report.md"));
            for (Step step : Step.values()) {
                String section = md.substring(md.indexOf("\n## " + step.title() + "\n"));
                assertTrue(section.contains("\n| JMAP | ok | "), step + " has a JMAP row in report.md");
            }
            assertTrue(md.contains("| JMAP server | http://127.0.0.1:" + cyrus.httpPort() + "/ |"), md);
            Path html = latest.resolve("report.html");
            assertTrue(Files.readString(html).contains("<td>JMAP</td>"));
            CompareRunTest.renderWithoutConsoleErrors(html);

            List<String> sent = new ArrayList<>();
            for (MimeMessage m : cyrusSmtp.getReceivedMessages()) {
                sent.add(m.getSubject());
            }
            assertEquals(2, sent.size(), "what Cyrus sent for the JMAP client: " + sent);
            // The gateway and the baseline send too; REST and SOAP through the gateway, IMAP itself: 2 each.
            assertEquals(6, gatewaySmtp.getReceivedMessages().length);
        } finally {
            gatewaySmtp.stop();
            cyrusSmtp.stop();
        }
    }

    private static JsonNode client(JsonNode report, String name) {
        for (JsonNode c : report.path("clients")) {
            if (c.path("client").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no " + name + " column in " + report.path("clients"));
    }

    private static JsonNode step(JsonNode client, String name) {
        for (JsonNode s : client.path("steps")) {
            if (s.path("step").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no step " + name);
    }

    private static GreenMail smtpServer() {
        GreenMail smtp = new GreenMail(new ServerSetup(LoopbackPorts.pickFree(), LoopbackPorts.HOST,
                ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        return smtp;
    }
}

package org.lemongate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;

import com.icegreen.greenmail.util.GreenMail;

import org.junit.jupiter.api.Test;

/** {@code /readyz} follows the IMAP server: 200 while it runs, 503 with a reason once it is gone. */
class ReadinessTest {

    @Test
    void readinessFailsWhenTheImapServerStops() throws Exception {
        GreenMail mail = new GreenMail(TestGateway.mailSetup());
        mail.start();
        try (EmbeddedServer server = TestGateway.start(mail.getImap().getPort(), mail.getSmtp().getPort())) {
            assertEquals(200, TestGateway.get(server.baseUri().resolve("/readyz")).statusCode());
            mail.stop();
            long start = System.nanoTime();
            HttpResponse<String> res = TestGateway.get(server.baseUri().resolve("/readyz"));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(503, res.statusCode());
            assertTrue(res.body().startsWith("not ready:"), res.body());
            assertTrue(res.headers().firstValue("Retry-After").isPresent());
            assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "bounded by the connect timeout: " + took);
            assertEquals(200, TestGateway.get(server.baseUri().resolve("/healthz")).statusCode(),
                    "the process itself is still alive");
        } finally {
            mail.stop();
        }
    }
}

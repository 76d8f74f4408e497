package org.lemongate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lemongate.app.TestGateway.basic;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lemongate.testsupport.TomcatServer;

/**
 * {@code lemongate.war} deployed into Debian's Tomcat 10.1 with context parameters pointing at a GreenMail started
 * here: all three prefixes and the readiness probe answer. Skipped without tomcat10 unless the interop suite is
 * required ({@code -Dlemongate.interop=required} or {@code LEMONGATE_INTEROP=required}).
 */
class TomcatDeploymentIT {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(TestGateway.mailSetup());

    private static final Path WAR = Path.of(System.getProperty("lemongate.war", "target/lemongate.war"));

    @Test
    void warAnswersAtEveryPrefixInTomcat() throws Exception {
        MAIL.setUser("carol@example.org", "carol", "carol-secret");
        try (TomcatServer tomcat = TomcatServer.builder()
                .war(WAR, "/lemongate")
                .contextParameters(Map.of(
                        "lemongate.imap", "imap://127.0.0.1:" + MAIL.getImap().getPort(),
                        "lemongate.smtp", "smtp://127.0.0.1:" + MAIL.getSmtp().getPort(),
                        "lemongate.imap-starttls", "off"))
                .readyPath("/lemongate/healthz")
                .start()) {
            URI base = URI.create(tomcat.contextUrl() + "/");

            assertEquals(200, TestGateway.get(base.resolve("readyz")).statusCode());
            HttpResponse<String> home = TestGateway.get(base);
            assertEquals(200, home.statusCode());
            assertTrue(home.body().contains("href=\"/lemongate/soap/mail?wsdl\""), home.body());
            HttpResponse<String> rest = TestGateway.get(base.resolve("api/v1/mailboxes"),
                    "Authorization", basic("carol", "carol-secret"));
            assertEquals(200, rest.statusCode(), rest.body() + tomcat.logs());
            assertTrue(rest.body().contains("INBOX"), rest.body());
            HttpResponse<String> wsdl = TestGateway.get(base.resolve("soap/mail?wsdl"));
            assertEquals(200, wsdl.statusCode(), wsdl.body() + tomcat.logs());
            HttpResponse<String> dav = TestGateway.send("PROPFIND", base.resolve("dav/"), "Depth", "1",
                    "Authorization", basic("carol", "carol-secret"));
            assertEquals(207, dav.statusCode(), dav.body() + tomcat.logs());
            assertTrue(TestGateway.get(base.resolve("healthz")).headers()
                    .firstValue(RequestTracking.HEADER).isPresent());
        }
    }
}

package org.lemongate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lemongate.app.TestGateway.basic;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lemongate.testsupport.Interop;
import org.lemongate.testsupport.LoopbackPorts;

/**
 * {@code lemongate.war} deployed into Debian's Tomcat 10.1 with context parameters pointing at a GreenMail started
 * here: all three prefixes and the readiness probe answer. Skipped without tomcat10 unless the interop suite is
 * required ({@code -Dlemongate.interop=required} or {@code LEMONGATE_INTEROP=required}).
 */
class TomcatDeploymentIT {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(TestGateway.mailSetup());

    private static final Path WAR = Path.of(System.getProperty("lemongate.war", "target/lemongate.war"));
    private static final long START_MILLIS = 120_000;

    @TempDir
    Path dir;

    @Test
    void warAnswersAtEveryPrefixInTomcat() throws Exception {
        Interop.requireFile(TomcatBase.CATALINA_SH, "tomcat10", "tomcat10");
        MAIL.setUser("carol@example.org", "carol", "carol-secret");
        try (TomcatBase tomcat = TomcatBase.create(dir, LoopbackPorts.pickFree())) {
            tomcat.deploy("lemongate", WAR, List.of(
                    new String[] {"lemongate.imap", "imap://127.0.0.1:" + MAIL.getImap().getPort()},
                    new String[] {"lemongate.smtp", "smtp://127.0.0.1:" + MAIL.getSmtp().getPort()},
                    new String[] {"lemongate.imap-starttls", "off"}));
            tomcat.start();
            URI base = URI.create("http://127.0.0.1:" + tomcat.port() + "/lemongate/");
            awaitReady(tomcat, base);

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

    private static void awaitReady(TomcatBase tomcat, URI base) throws Exception {
        long deadline = System.currentTimeMillis() + START_MILLIS;
        while (System.currentTimeMillis() < deadline && tomcat.running()) {
            try {
                if (TestGateway.get(base.resolve("healthz")).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // Tomcat opens its connector before deploying; either way, try again shortly.
            }
            Thread.sleep(250);
        }
        Assertions.fail("the WAR did not come up in Tomcat:\n" + tomcat.logs());
    }
}

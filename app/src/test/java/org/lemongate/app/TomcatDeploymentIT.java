package org.lemongate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lemongate.testsupport.DovecotServer;
import org.lemongate.testsupport.TomcatServer;

/**
 * {@code lemongate.war}, unmodified, in Debian's Tomcat 10.1, configured by servlet context parameters to use a
 * private Dovecot: every binding serves the user's mail (see {@link BindingsOverDovecot}), the probes answer and
 * links carry the context path. Skipped without tomcat10 or dovecot-imapd unless the interop suite is required
 * ({@code -Dlemongate.interop=required} or {@code LEMONGATE_INTEROP=required}).
 */
class TomcatDeploymentIT {

    private static final Path WAR = Path.of(System.getProperty("lemongate.war", "target/lemongate.war"));

    @Test
    void warServesDovecotMailThroughEveryBindingInTomcat() throws Exception {
        TomcatServer.requireInstalled();
        try (DovecotServer dovecot = BindingsOverDovecot.startDovecot();
             TomcatServer tomcat = TomcatServer.builder()
                     .war(WAR, "/lemongate")
                     .contextParameters(Map.of(
                             "lemongate.imap", dovecot.imapUrl(),
                             "lemongate.imap-starttls", "off"))
                     .readyPath("/lemongate/healthz")
                     .start()) {
            URI base = URI.create(tomcat.contextUrl() + "/");

            BindingsOverDovecot.assertServed(base, tomcat::logs);

            assertEquals(200, TestGateway.get(base.resolve("readyz")).statusCode(), tomcat.logs());
            HttpResponse<String> home = TestGateway.get(base);
            assertEquals(200, home.statusCode());
            assertTrue(home.body().contains("href=\"/lemongate/soap/mail?wsdl\""), home.body());
            HttpResponse<String> wsdl = TestGateway.get(base.resolve("soap/mail?wsdl"));
            assertEquals(200, wsdl.statusCode(), wsdl.body() + tomcat.logs());
            assertTrue(TestGateway.get(base.resolve("healthz")).headers()
                    .firstValue(RequestTracking.HEADER).isPresent());
        }
    }
}

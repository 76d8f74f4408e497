package org.lemongate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.lemongate.testsupport.DovecotServer;
import org.lemongate.testsupport.JettyServer;

/**
 * {@code lemongate.war}, unmodified, in Jetty 12 (ee10), configured only by {@code LEMONGATE_*} environment
 * variables of the Jetty process — the way a container image or systemd unit configures it — to use a private
 * Dovecot: every binding serves the user's mail (see {@link BindingsOverDovecot}) and the readiness probe sees the
 * backend, and stops seeing it when Dovecot goes down. Skipped without dovecot-imapd unless the interop suite is
 * required.
 */
class JettyDeploymentIT {

    private static final Path WAR = Path.of(System.getProperty("lemongate.war", "target/lemongate.war"));

    @Test
    void warServesDovecotMailThroughEveryBindingInJettyConfiguredByEnvironment() throws Exception {
        try (DovecotServer dovecot = BindingsOverDovecot.startDovecot();
             JettyServer jetty = JettyServer.builder()
                     .war(WAR, "/mail")
                     .environment("LEMONGATE_IMAP", dovecot.imapUrl())
                     .environment("LEMONGATE_IMAP_STARTTLS", "off")
                     .readyPath("/mail/healthz")
                     .start()) {
            URI base = URI.create(jetty.contextUrl() + "/");

            BindingsOverDovecot.assertServed(base, jetty::logs);

            assertEquals(200, TestGateway.get(base.resolve("readyz")).statusCode(), jetty.logs());
            HttpResponse<String> home = TestGateway.get(base);
            assertEquals(200, home.statusCode(), home.body() + jetty.logs());
            assertTrue(home.body().contains("href=\"/mail/soap/mail?wsdl\""), home.body());

            dovecot.stop();

            assertEquals(503, TestGateway.get(base.resolve("readyz")).statusCode(), jetty.logs());
            assertEquals(200, TestGateway.get(base.resolve("healthz")).statusCode(), jetty.logs());
        }
    }
}

package org.lemongate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With public-url set, the gateway builds URLs from it and refuses requests naming another host. */
class PublicUrlTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(TestGateway.mailSetup())
            .withPerMethodLifecycle(false);

    private static EmbeddedServer server;

    @BeforeAll
    static void start() {
        server = TestGateway.start(MAIL.getImap().getPort(), MAIL.getSmtp().getPort(),
                "--public-url", "https://Mail.Example.com/gw/", "--trusted-proxies", "127.0.0.1");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theConfiguredUrlIsTheBaseOfEmittedUrls() throws Exception {
        RawHttp.Response wsdl = RawHttp.send(server.baseUri(), null, "GET /soap/mail?wsdl HTTP/1.1",
                "Host: mail.example.com:" + server.baseUri().getPort());
        assertEquals(200, wsdl.status(), wsdl.body());
        assertTrue(wsdl.body().contains("location=\"https://mail.example.com/gw/soap/mail\""), wsdl.body());
    }

    @Test
    void anotherHostIsMisdirectedInEachIdiomAndLogged() throws Exception {
        RawHttp.Response rest;
        try (CapturedLog log = CapturedLog.of("org.lemongate.security")) {
            rest = RawHttp.send(server.baseUri(), null, "GET /api/v1 HTTP/1.1", "Host: evil.example");
            assertEquals(List.of("refused a request from 127.0.0.1 for host 'evil.example', not the public host "
                    + "mail.example.com"), log.messages("org.lemongate.security"));
        }
        assertEquals(421, rest.status(), rest.body());
        assertEquals("nosniff", rest.header("X-Content-Type-Options").orElse(""));
        assertTrue(rest.body().contains("urn:lemongate:problem:wrong-host"), rest.body());
        assertTrue(rest.body().contains("https://mail.example.com/gw/"), rest.body());
        RawHttp.Response dav = RawHttp.send(server.baseUri(), null, "GET /dav/ HTTP/1.1", "Host: 127.0.0.1");
        assertEquals(421, dav.status(), dav.body());
        RawHttp.Response viaProxy = RawHttp.send(server.baseUri(), null, "GET / HTTP/1.1", "Host: mail.example.com",
                "X-Forwarded-Host: other.example");
        assertEquals(421, viaProxy.status(), viaProxy.body());
    }

    @Test
    void probesAnswerWhateverTheHost() throws Exception {
        assertEquals(200, RawHttp.send(server.baseUri(), null, "GET /healthz HTTP/1.1", "Host: 127.0.0.1").status());
        assertEquals(200, RawHttp.send(server.baseUri(), null, "GET /metrics HTTP/1.1", "Host: 10.1.2.3").status());
    }
}

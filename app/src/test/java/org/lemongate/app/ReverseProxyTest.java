package org.lemongate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lemongate.app.TestGateway.basic;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Behind a reverse proxy at {@code https://mail.example.com/gw/} that strips the prefix: each binding's absolute
 * URLs name the public address when the proxy is trusted, and nothing moves when an untrusted peer sends the same
 * headers. The proxy is simulated by raw HTTP from loopback, which one gateway trusts and the other does not.
 */
class ReverseProxyTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(TestGateway.mailSetup())
            .withPerMethodLifecycle(false);

    private static final String USER = "carol";
    private static final String PASSWORD = "carol-proxy-secret";
    private static final String[] PROXY = {"Host: mail.example.com", "X-Forwarded-Proto: https",
        "X-Forwarded-For: 198.51.100.7", "X-Forwarded-Prefix: /gw"};

    private static EmbeddedServer trusting;
    private static EmbeddedServer distrusting;

    private CapturedLog log;

    @BeforeAll
    static void start() {
        MAIL.setUser(USER + "@example.org", USER, PASSWORD);
        trusting = TestGateway.start(MAIL.getImap().getPort(), MAIL.getSmtp().getPort(),
                "--trusted-proxies", "127.0.0.1", "--insecure-credentials", "refuse");
        distrusting = TestGateway.start(MAIL.getImap().getPort(), MAIL.getSmtp().getPort(),
                "--trusted-proxies", "10.0.0.0/8,::1");
    }

    @AfterAll
    static void stop() {
        trusting.close();
        distrusting.close();
    }

    @BeforeEach
    void captureLogs() {
        log = CapturedLog.of("org.lemongate");
    }

    @AfterEach
    void releaseLogs() {
        log.close();
    }

    private static RawHttp.Response viaProxy(EmbeddedServer server, String method, String path, String body,
                                             String... more) throws Exception {
        List<String> head = new java.util.ArrayList<>(List.of(method + " " + path + " HTTP/1.1"));
        head.addAll(List.of(PROXY));
        head.add("Authorization: " + basic(USER, PASSWORD));
        head.addAll(List.of(more));
        return RawHttp.send(server.baseUri(), body, head.toArray(String[]::new));
    }

    @Test
    void wsdlNamesEveryPortAtThePublicAddress() throws Exception {
        RawHttp.Response wsdl = viaProxy(trusting, "GET", "/soap/mail12?wsdl", null);
        assertEquals(200, wsdl.status(), wsdl.body());
        for (String port : new String[] {"mail", "mail12", "mail-mtom"}) {
            assertTrue(wsdl.body().contains("location=\"https://mail.example.com/gw/soap/" + port + "\""),
                    port + " in " + wsdl.body());
        }
    }

    @Test
    void rfc7239ForwardedIsUnderstoodToo() throws Exception {
        RawHttp.Response wsdl = RawHttp.send(trusting.baseUri(), null, "GET /soap/mail?wsdl HTTP/1.1",
                "Host: 127.0.0.1", "Forwarded: for=\"[2001:db8::5]:4711\";proto=https;host=\"mail.example.com:8443\"",
                "X-Forwarded-Prefix: /gw/");
        assertEquals(200, wsdl.status(), wsdl.body());
        assertTrue(wsdl.body().contains("location=\"https://mail.example.com:8443/gw/soap/mail\""), wsdl.body());
    }

    @Test
    void restLocationLinksAndOpenApiServersCarryThePrefix() throws Exception {
        RawHttp.Response created = viaProxy(trusting, "POST", "/api/v1/mailboxes", "{\"name\":\"Proxied\"}",
                "Content-Type: application/json");
        assertEquals(201, created.status(), created.body());
        assertEquals("https://mail.example.com/gw/api/v1/mailboxes/Proxied", created.header("Location").orElseThrow());
        assertTrue(created.body().contains("\"/gw/api/v1/"), created.body());
        RawHttp.Response service = viaProxy(trusting, "GET", "/api/v1", null);
        assertTrue(service.body().contains("\"/gw/api/v1/mailboxes\""), service.body());
        RawHttp.Response openapi = viaProxy(trusting, "GET", "/api/v1/openapi.json", null);
        assertTrue(openapi.body().replace(" ", "").contains("\"servers\":[{\"url\":\"/gw/api\"}]"), openapi.body());
    }

    @Test
    void webdavHrefsAndDestinationsUseThePublicPrefix() throws Exception {
        assertEquals(201, viaProxy(trusting, "MKCOL", "/dav/Before", null).status());
        RawHttp.Response listing = viaProxy(trusting, "PROPFIND", "/dav/", null, "Depth: 1");
        assertEquals(207, listing.status(), listing.body());
        Matcher href = Pattern.compile("<(?:\\w+:)?href>([^<]*)</").matcher(listing.body());
        int hrefs = 0;
        while (href.find()) {
            assertTrue(href.group(1).startsWith("/gw/dav/"), href.group(1));
            hrefs++;
        }
        assertTrue(hrefs >= 2, listing.body());
        RawHttp.Response moved = viaProxy(trusting, "MOVE", "/dav/Before/", null,
                "Destination: https://mail.example.com/gw/dav/After/");
        assertEquals(201, moved.status(), moved.body());
        assertEquals(207, viaProxy(trusting, "PROPFIND", "/dav/After/", null, "Depth: 0").status());
        // A proxy that passes its own upstream address as Host and the public one in X-Forwarded-Host.
        RawHttp.Response back = RawHttp.send(trusting.baseUri(), null, "MOVE /dav/After/ HTTP/1.1",
                "Host: 127.0.0.1:" + trusting.baseUri().getPort(), "X-Forwarded-Host: mail.example.com",
                "X-Forwarded-Proto: https", "X-Forwarded-Prefix: /gw", "Authorization: " + basic(USER, PASSWORD),
                "Destination: https://mail.example.com/gw/dav/Before/");
        assertEquals(201, back.status(), back.body());
    }

    @Test
    void startPageLinksCarryThePrefix() throws Exception {
        RawHttp.Response home = viaProxy(trusting, "GET", "/", null);
        assertTrue(home.body().contains("href=\"/gw/soap/mail?wsdl\""), home.body());
        assertTrue(home.body().contains("href=\"/gw/dav/\""), home.body());
    }

    @Test
    void theClientAddressIsTheRightmostUntrustedHop() throws Exception {
        RawHttp.Response res = RawHttp.send(trusting.baseUri(), null, "GET /healthz HTTP/1.1", "Host: x",
                "X-Forwarded-For: 203.0.113.66, 198.51.100.7, 127.0.0.1");
        assertEquals(200, res.status());
        awaitAccessLine(l -> l.startsWith("GET /healthz 200") && l.endsWith("198.51.100.7"));
    }

    @Test
    void spoofedHeadersFromAnUntrustedPeerChangeNothing() throws Exception {
        RawHttp.Response wsdl = RawHttp.send(distrusting.baseUri(), null, "GET /soap/mail?wsdl HTTP/1.1",
                "Host: 127.0.0.1:" + distrusting.baseUri().getPort(), "X-Forwarded-Proto: https",
                "X-Forwarded-Host: evil.example", "X-Forwarded-For: 198.51.100.7", "X-Forwarded-Prefix: /gw",
                "Forwarded: for=198.51.100.8;proto=https;host=evil.example");
        assertEquals(200, wsdl.status(), wsdl.body());
        String direct = "http://127.0.0.1:" + distrusting.baseUri().getPort() + "/soap/mail\"";
        assertTrue(wsdl.body().contains("location=\"" + direct), wsdl.body());
        assertFalse(wsdl.body().contains("evil.example"), wsdl.body());
        awaitAccessLine(l -> l.startsWith("GET /soap/mail 200") && l.endsWith("127.0.0.1"));
    }

    @Test
    void spoofedHttpsFromAnUntrustedPeerDoesNotMakeCredentialsAcceptable() throws Exception {
        RawHttp.Response res = RawHttp.send(distrusting.baseUri(), null, "GET /api/v1/mailboxes HTTP/1.1",
                "Host: 127.0.0.1", "X-Forwarded-Proto: https", "X-Forwarded-For: 127.0.0.1",
                "Authorization: " + basic(USER, PASSWORD));
        // Loopback, but evidently relayed by a proxy nobody configured: the real client may be anywhere.
        assertEquals(403, res.status(), res.body());
        assertTrue(res.body().contains("plain HTTP"), res.body());
        assertTrue(securityLog().stream().anyMatch(l -> l.contains("ignored Forwarded/X-Forwarded-* headers")
                || l.contains("refused credentials")), securityLog().toString());
    }

    @Test
    void aTrustedProxyThatTerminatedTlsMakesCredentialsAcceptable() throws Exception {
        RawHttp.Response secure = viaProxy(trusting, "GET", "/api/v1/mailboxes", null);
        assertEquals(200, secure.status());
        assertEquals(SecurityHeaders.HSTS, secure.header("Strict-Transport-Security").orElse(""));
        RawHttp.Response plain = RawHttp.send(trusting.baseUri(), null, "GET /api/v1/mailboxes HTTP/1.1",
                "Host: mail.example.com", "X-Forwarded-Proto: http", "X-Forwarded-For: 198.51.100.7",
                "Authorization: " + basic(USER, PASSWORD));
        assertEquals(403, plain.status(), plain.body());
        assertEquals("application/problem+json", plain.header("Content-Type").orElseThrow());
    }

    @Test
    void aMalformedHeaderFromTheTrustedProxyIsABadRequest() throws Exception {
        RawHttp.Response res = RawHttp.send(trusting.baseUri(), null, "GET /api/v1 HTTP/1.1", "Host: x",
                "X-Forwarded-Host: evil.example/path");
        assertEquals(400, res.status(), res.body());
        assertTrue(res.body().contains("forwarded host"), res.body());
    }

    /** Waits for the access-log line, written as the request completes, possibly after the client has the answer. */
    private void awaitAccessLine(Predicate<String> line) throws InterruptedException {
        for (long deadline = System.nanoTime() + 5_000_000_000L; System.nanoTime() < deadline; Thread.sleep(20)) {
            if (log.messages("org.lemongate.access").stream().anyMatch(line)) {
                return;
            }
        }
        throw new AssertionError("no such access-log line in " + log.messages("org.lemongate.access"));
    }

    private List<String> securityLog() {
        return log.messages("org.lemongate.security");
    }
}

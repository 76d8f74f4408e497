package org.lemongate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lemongate.app.TestGateway.basic;

import java.util.ArrayList;
import java.util.List;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Cross-site writes refused on REST and WebDAV with nothing changed, same-origin and non-browser writes served,
 * and the security headers on every response.
 */
class BrowserSafetyTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(TestGateway.mailSetup())
            .withPerMethodLifecycle(false);

    private static final String USER = "erin";
    private static final String PASSWORD = "erin-secret";
    private static final String EVIL = "Origin: https://evil.example";

    private static EmbeddedServer server;
    private static String self;

    @BeforeAll
    static void start() {
        MAIL.setUser(USER + "@example.org", USER, PASSWORD);
        server = TestGateway.start(MAIL.getImap().getPort(), MAIL.getSmtp().getPort(),
                "--allowed-origins", "https://webmail.example.com");
        self = "http://localhost:" + server.baseUri().getPort();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RawHttp.Response send(String method, String path, String body, String... headers)
            throws Exception {
        List<String> head = new ArrayList<>(List.of(method + " " + path + " HTTP/1.1",
                "Host: localhost:" + server.baseUri().getPort(), "Authorization: " + basic(USER, PASSWORD)));
        head.addAll(List.of(headers));
        return RawHttp.send(server.baseUri(), body, head.toArray(String[]::new));
    }

    private static boolean folderExists(String name) throws Exception {
        return send("PROPFIND", "/dav/" + name + "/", null, "Depth: 0").status() == 207;
    }

    @Test
    void crossOriginRestPostIsRefusedAndCreatesNothing() throws Exception {
        RawHttp.Response res;
        List<String> logged;
        try (CapturedLog log = CapturedLog.of("org.lemongate.security")) {
            res = send("POST", "/api/v1/mailboxes", "{\"name\":\"Forged\"}", "Content-Type: application/json", EVIL);
            logged = log.messages("org.lemongate.security");
        }
        assertEquals(403, res.status(), res.body());
        assertEquals("application/problem+json", res.header("Content-Type").orElseThrow());
        assertTrue(res.body().contains("urn:lemongate:problem:cross-site-request"), res.body());
        assertFalse(folderExists("Forged"));
        assertTrue(logged.stream().anyMatch(l -> l.startsWith(
                "refused a cross-site POST /api/v1/mailboxes from 127.0.0.1: Origin https://evil.example")),
                logged.toString());
    }

    @Test
    void crossOriginWebdavWritesAreRefusedAndChangeNothing() throws Exception {
        assertEquals(201, send("MKCOL", "/dav/Kept", null).status());
        assertEquals(403, send("MKCOL", "/dav/ForgedFolder", null, EVIL).status());
        assertFalse(folderExists("ForgedFolder"));
        assertEquals(403, send("DELETE", "/dav/Kept/", null, EVIL).status());
        RawHttp.Response move = send("MOVE", "/dav/Kept/", null, EVIL, "Destination: " + self + "/dav/Gone/");
        assertEquals(403, move.status());
        assertTrue(move.body().contains("another site"), move.body());
        RawHttp.Response put = send("PUT", "/dav/Kept/forged.eml", "Subject: x\r\n\r\nforged\r\n",
                "Content-Type: message/rfc822", EVIL);
        assertEquals(403, put.status());
        assertTrue(folderExists("Kept"));
        assertFalse(folderExists("Gone"));
    }

    @Test
    void aRefererFromAnotherSiteOrACrossSiteFetchIsRefused() throws Exception {
        assertEquals(403, send("MKCOL", "/dav/ViaReferer", null, "Referer: https://evil.example/page.html").status());
        assertEquals(403, send("MKCOL", "/dav/ViaFetch", null, "Sec-Fetch-Site: cross-site").status());
        assertEquals(403, send("MKCOL", "/dav/ViaNull", null, "Origin: null").status());
        assertFalse(folderExists("ViaReferer") || folderExists("ViaFetch") || folderExists("ViaNull"));
    }

    @Test
    void sameOriginAllowedOriginsAndNonBrowserClientsMayWrite() throws Exception {
        assertEquals(201, send("MKCOL", "/dav/SameOrigin", null, "Origin: " + self).status());
        assertEquals(201, send("MKCOL", "/dav/Listed", null, "Origin: https://webmail.example.com").status());
        assertEquals(201, send("MKCOL", "/dav/NoBrowser", null).status());
        assertEquals(201, send("POST", "/api/v1/mailboxes", "{\"name\":\"SameOriginRest\"}",
                "Content-Type: application/json", "Origin: " + self, "Sec-Fetch-Site: same-origin").status());
    }

    @Test
    void aFormContentTypeFromABrowserNeedsAGoodOrigin() throws Exception {
        String form = "--b\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nX\r\n--b--\r\n";
        RawHttp.Response noOrigin = send("POST", "/api/v1/mailboxes", form,
                "Content-Type: multipart/form-data; boundary=b", "Referer: " + self + "/page", "Sec-Fetch-Mode: navigate");
        assertEquals(403, noOrigin.status(), noOrigin.body());
        assertTrue(noOrigin.body().contains("form content type"), noOrigin.body());
        // A client that is no browser reaches the binding, which answers for the media type itself.
        RawHttp.Response tool = send("POST", "/api/v1/mailboxes", form, "Content-Type: multipart/form-data; boundary=b");
        assertEquals(415, tool.status(), tool.body());
    }

    @Test
    void everyResponseCarriesTheSecurityHeadersAndNoCors() throws Exception {
        for (String path : new String[] {"/", "/dav/", "/api/v1", "/soap/mail?wsdl", "/healthz"}) {
            RawHttp.Response res = send("GET", path, null, EVIL);
            assertEquals(200, res.status(), path);
            assertEquals("nosniff", res.header("X-Content-Type-Options").orElse(""), path);
            assertEquals("DENY", res.header("X-Frame-Options").orElse(""), path);
            assertEquals("no-referrer", res.header("Referrer-Policy").orElse(""), path);
            assertEquals(SecurityHeaders.POLICY, res.header("Content-Security-Policy").orElse(""), path);
            assertTrue(res.headers().stream().noneMatch(h -> h[0].toLowerCase().startsWith("access-control-")), path);
            assertTrue(res.header("Strict-Transport-Security").isEmpty(), "no HSTS over plain HTTP: " + path);
        }
        RawHttp.Response listing = send("GET", "/dav/", null);
        assertTrue(listing.header("Content-Type").orElse("").startsWith("text/html"), listing.body());
        assertTrue(listing.header("Content-Security-Policy").orElse("").contains("sandbox"));
    }
}

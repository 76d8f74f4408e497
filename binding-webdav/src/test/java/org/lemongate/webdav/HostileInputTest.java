package org.lemongate.webdav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad input beyond the paths and PROPFIND bodies of {@link DavProtocolTest}: entities in PROPPATCH and LOCK bodies,
 * an endless chunked body, malformed or unknown If headers, foreign Destinations, garbage Timeout, and a flood of
 * LOCK requests. Each gets a clear 4xx and changes nothing.
 */
class HostileInputTest {

    @RegisterExtension
    static final GreenMailDav DAV = new GreenMailDav();

    private static final String XXE = "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>";
    private static final String LOCKINFO = "<?xml version=\"1.0\"?><D:lockinfo xmlns:D=\"DAV:\"><D:lockscope>"
            + "<D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype></D:lockinfo>";

    private static DavTestServer dav() {
        return DAV.server();
    }

    private static HttpResponse<String> send(String method, String path, String body, String... headers)
            throws Exception {
        HttpRequest.Builder b = dav().asAlice(path).method(method, body.isEmpty()
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return dav().send(b.build());
    }

    private static String put(String name) throws Exception {
        String path = "/dav/INBOX/" + name;
        assertEquals(201, send("PUT", path, "Subject: " + name + "\r\n\r\nx\r\n").statusCode());
        return path;
    }

    @Test
    void entitiesInProppatchAndLockBodiesAreRefusedAndChangeNothing() throws Exception {
        String file = put("xxe.eml");

        HttpResponse<String> patch = send("PROPPATCH", file, XXE + "<D:propertyupdate xmlns:D=\"DAV:\""
                + " xmlns:Z=\"urn:z\"><D:set><D:prop><Z:p>&e;</Z:p></D:prop></D:set></D:propertyupdate>");
        HttpResponse<String> lock = send("LOCK", file, XXE + "<D:lockinfo xmlns:D=\"DAV:\"><D:lockscope>"
                + "<D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype><D:owner>&e;</D:owner>"
                + "</D:lockinfo>");

        assertEquals(400, patch.statusCode(), patch.body());
        assertEquals(400, lock.statusCode(), lock.body());
        Map<String, String> props = Multistatus.parse(dav().propfind(file, "0", "<?xml version=\"1.0\"?>"
                + "<D:propfind xmlns:D=\"DAV:\" xmlns:Z=\"urn:z\"><D:prop><Z:p/><D:lockdiscovery/></D:prop>"
                + "</D:propfind>").body()).at(file);
        assertTrue(!props.containsKey("p") && !props.getOrDefault("lockdiscovery", "").contains("opaquelock")
                && send("DELETE", file, "").statusCode() == 204, props.toString());
    }

    /** A 10 MB body announced with Expect: 100-continue, as curl and others send large bodies: 413, never 100. */
    @Test
    void aTenMegabytePropfindIsRefusedBeforeItsBodyIsSent() throws Exception {
        URI uri = dav().uri("/dav/");
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("PROPFIND /dav/ HTTP/1.1\r\nHost: 127.0.0.1\r\nDepth: 0\r\nAuthorization: Basic "
                    + Base64.getEncoder().encodeToString((DavTestServer.ALICE + ":" + DavTestServer.ALICE_PASSWORD)
                    .getBytes(StandardCharsets.UTF_8))
                    + "\r\nContent-Type: application/xml\r\nContent-Length: " + (10 * 1024 * 1024)
                    + "\r\nExpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();

            assertEquals("HTTP/1.1 413 Request Entity Too Large", status);
        }
    }

    @Test
    void malformedIfHeadersAre400AndUnknownTokens412() throws Exception {
        String file = put("if.eml");

        assertEquals(400, send("DELETE", file, "", "If", "(<urn:x>").statusCode());
        assertEquals(400, send("DELETE", file, "", "If", "garbage").statusCode());
        assertEquals(412, send("DELETE", file, "", "If", "(<opaquelocktoken:never-issued>)").statusCode());
        assertEquals(412, send("DELETE", file, "", "If", "([\"1-1\"])").statusCode());
        assertEquals(204, send("DELETE", file, "", "If", "(Not <DAV:no-lock>)").statusCode(),
                "a header that holds lets the request through");
    }

    @Test
    void foreignDestinationsAreRefusedAndChangeNothing() throws Exception {
        String file = put("stay.eml");

        int otherHost = send("MOVE", file, "", "Destination", "http://elsewhere.example/dav/INBOX/x.eml")
                .statusCode();
        int outsideTree = send("MOVE", file, "", "Destination", "/soap/x.eml").statusCode();
        int traversal = send("COPY", file, "", "Destination", "/dav/INBOX/%2e%2e/%2e%2e/etc/passwd").statusCode();

        assertTrue(otherHost >= 400 && otherHost < 500 && otherHost != 404, "other host: " + otherHost);
        assertEquals(400, outsideTree);
        assertEquals(400, traversal);
        assertEquals(200, dav().send(dav().asAlice(file).GET().build()).statusCode());
    }

    @Test
    void garbageTimeoutGetsTheDefaultLifetime() throws Exception {
        String file = put("timeout.eml");

        HttpResponse<String> r = send("LOCK", file, LOCKINFO, "Timeout", "Second-banana, Infinite-ish");

        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().matches("(?s).*Second-(59\\d|600)<.*"), r.body());
    }

    /** The per-user cap itself is checked on the store ({@link JdbcLockStoreTest}); here: nothing piles up. */
    @Test
    void aLockFloodOnALockedFileIsRefusedWithoutPilingUp() throws Exception {
        String file = put("flood.eml");
        HttpResponse<String> first = send("LOCK", file, LOCKINFO);
        assertEquals(200, first.statusCode(), first.body());

        for (int i = 0; i < 100; i++) {
            assertEquals(423, send("LOCK", file, LOCKINFO).statusCode());
        }

        String discovery = dav().propfind(file, "0", "<?xml version=\"1.0\"?><D:propfind xmlns:D=\"DAV:\">"
                + "<D:prop><D:lockdiscovery/></D:prop></D:propfind>").body();
        assertEquals(1, discovery.split("locktoken>", -1).length / 2, discovery);
        HttpResponse<String> bob = dav().send(dav().request("/dav/INBOX/flood.eml", DavTestServer.BOB,
                DavTestServer.BOB_PASSWORD).method("LOCK", HttpRequest.BodyPublishers.ofString(LOCKINFO,
                StandardCharsets.UTF_8)).build());
        assertEquals(201, bob.statusCode(), "Bob's tree is his own: the name is free there");
    }
}

package org.lemongate.webdav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lemongate.mapping.BasicAuthorization;
import org.w3c.dom.Document;

/** The protocol edges of the binding: OPTIONS, authentication, Depth, and refused input. */
class DavProtocolTest {

    @RegisterExtension
    static final GreenMailDav DAV = new GreenMailDav();

    private static DavTestServer dav() {
        return DAV.server();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/dav/", "/dav", "/dav/INBOX/", "/dav/No%20such%20folder/x.eml"})
    void optionsAnswersOnEveryPathWithoutCredentials(String path) throws Exception {
        HttpResponse<String> r = dav().send(dav().request(path, null, null)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());

        assertEquals(200, r.statusCode());
        assertEquals("1, 2", r.headers().firstValue("DAV").orElseThrow());
        assertEquals("DAV", r.headers().firstValue("MS-Author-Via").orElseThrow());
        assertTrue(r.headers().firstValue("Allow").orElseThrow().contains("PROPFIND"));
    }

    @Test
    void optionsOnTheContextRootAnswersAsWebdavAndEverythingElsePassesThrough() throws Exception {
        HttpResponse<String> options = dav().send(dav().request("/", null, null)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        HttpResponse<String> get = dav().send(dav().request("/", null, null).GET().build());
        HttpResponse<String> elsewhere = dav().send(dav().request("/api/x", null, null)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());

        assertEquals(200, options.statusCode());
        assertEquals("1, 2", options.headers().firstValue("DAV").orElseThrow());
        assertEquals("DAV", options.headers().firstValue("MS-Author-Via").orElseThrow());
        assertEquals(404, get.statusCode(), "the binding must not answer GET / on the application's behalf");
        assertTrue(elsewhere.headers().firstValue("DAV").isEmpty(), "OPTIONS outside /dav and / is not WebDAV's");
    }

    @Test
    void missingCredentialsGetTheBasicChallenge() throws Exception {
        HttpResponse<String> r = dav().send(dav().request("/dav/", null, null)
                .method("PROPFIND", HttpRequest.BodyPublishers.noBody()).header("Depth", "0").build());

        assertEquals(401, r.statusCode());
        assertEquals(BasicAuthorization.CHALLENGE, r.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertTrue(r.body().contains("user name and password"), r.body());
    }

    @Test
    void wrongPasswordGetsTheChallengeAgain() throws Exception {
        HttpResponse<String> r = dav().send(dav().request("/dav/", DavTestServer.ALICE, "not-her-password")
                .method("PROPFIND", HttpRequest.BodyPublishers.noBody()).header("Depth", "0").build());

        assertEquals(401, r.statusCode());
        assertEquals(BasicAuthorization.CHALLENGE, r.headers().firstValue("WWW-Authenticate").orElseThrow());
    }

    @Test
    void malformedAuthorizationIsRefusedWithTheChallenge() throws Exception {
        HttpResponse<String> r = dav().send(dav().request("/dav/", null, null).GET()
                .header("Authorization", "Basic %%%not-base64").build());

        assertEquals(401, r.statusCode());
        assertEquals(BasicAuthorization.CHALLENGE, r.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertTrue(r.body().contains("base64"), r.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"infinity", "Infinity"})
    void depthInfinityOnAFolderIsRefusedWithThePrecondition(String depth) throws Exception {
        HttpResponse<String> r = dav().propfind("/dav/", depth, "");

        assertEquals(403, r.statusCode());
        Document error = Multistatus.parseXml(r.body());
        assertNotNull(error.getElementsByTagNameNS("DAV:", "propfind-finite-depth").item(0), r.body());
    }

    @Test
    void missingDepthMeansInfinityAndIsRefusedOnAFolder() throws Exception {
        HttpResponse<String> r = dav().propfind("/dav/INBOX/", null, "");

        assertEquals(403, r.statusCode());
        assertTrue(r.body().contains("propfind-finite-depth"), r.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "one", "-1", "0,1"})
    void garbageDepthIsABadRequest(String depth) throws Exception {
        HttpResponse<String> r = dav().propfind("/dav/", depth, "");

        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("Depth"), r.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/dav/%2e%2e/", "/dav/INBOX/%2E%2E/%2e%2e/", "/dav/INBOX%2Fsecret/", "/dav/%C0%AE%C0%AE/",
            "/dav/INBOX%00/"})
    void traversalAndMalformedPathsAreBadRequests(String path) throws Exception {
        HttpResponse<String> r = dav().propfind(path, "0", "");

        assertEquals(400, r.statusCode(), r.body());
    }

    @Test
    void aDoctypeInThePropfindBodyIsRefused() throws Exception {
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE propfind [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                + "<propfind xmlns=\"DAV:\"><prop><displayname>&x;</displayname></prop></propfind>";

        HttpResponse<String> r = dav().propfind("/dav/", "0", xxe);

        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("DTD"), r.body());
    }

    @Test
    void billionLaughsIsRefusedBeforeAnyExpansion() throws Exception {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE propfind [<!ENTITY l0 \"ha\">");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        String body = dtd + "]><propfind xmlns=\"DAV:\"><prop><displayname>&l9;</displayname></prop></propfind>";

        HttpResponse<String> r = dav().propfind("/dav/", "0", body);

        assertEquals(400, r.statusCode());
    }

    @Test
    void anOversizedBodyIsRefusedWith413() throws Exception {
        String body = "<propfind xmlns=\"DAV:\"><prop>" + "<displayname/>".repeat(RequestXml.MAX_BYTES / 10)
                + "</prop></propfind>";

        HttpResponse<String> r = dav().propfind("/dav/", "0", body);

        assertEquals(413, r.statusCode());
    }

    @Test
    void unsupportedMethodsAreRefusedWithTheAllowHeader() throws Exception {
        HttpResponse<String> r = dav().send(dav().asAlice("/dav/INBOX/")
                .method("ACL", HttpRequest.BodyPublishers.ofString("<x/>")).build());

        assertEquals(405, r.statusCode());
        assertTrue(r.headers().firstValue("Allow").orElseThrow().contains("PROPFIND"));
    }

    @Test
    void backendDownIsA503WithRetryAfter() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort();
        }
        try (DavTestServer down = DavTestServer.withBackendDown(deadPort)) {
            HttpResponse<String> r = down.propfind("/dav/", "0", "");

            assertEquals(503, r.statusCode(), r.body());
            long retryAfter = Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retryAfter >= 1, "Retry-After " + retryAfter);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"If", "Lock-Token"})
    void garbageLockHeadersAreClientErrorsNotCrashes(String header) throws Exception {
        HttpResponse<String> r = dav().send(dav().asAlice("/dav/INBOX/").header(header, "(<garbage")
                .method("PROPFIND", HttpRequest.BodyPublishers.noBody()).header("Depth", "0").build());

        assertTrue(r.statusCode() >= 400 && r.statusCode() < 500 || r.statusCode() == 207,
                header + " gave " + r.statusCode() + ": " + r.body());
    }
}

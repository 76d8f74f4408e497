package org.lemongate.webdav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Document;

/** LOCK and UNLOCK, and what locks protect, over real HTTP against GreenMail through the real connector. */
class LocksTest {

    @RegisterExtension
    static final GreenMailDav DAV = new GreenMailDav();

    private static final String TOKEN = "urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private static DavTestServer dav() {
        return DAV.server();
    }

    private static String lockInfo(String scope) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><D:lockinfo xmlns:D=\"DAV:\"><D:lockscope><D:" + scope
                + "/></D:lockscope><D:locktype><D:write/></D:locktype><D:owner><D:href>mailto:alice@example.org"
                + "</D:href></D:owner></D:lockinfo>";
    }

    private static HttpResponse<String> lock(String path, String scope, String... headers) throws Exception {
        HttpRequest.Builder b = dav().asAlice(path).method("LOCK", HttpRequest.BodyPublishers.ofString(
                lockInfo(scope))).header("Content-Type", "application/xml");
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return dav().send(b.build());
    }

    private static String token(HttpResponse<String> lockResponse) {
        String header = lockResponse.headers().firstValue("Lock-Token").orElseThrow();
        assertTrue(header.matches("<" + TOKEN + ">"), header);
        return header.substring(1, header.length() - 1);
    }

    private static int send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder b = dav().asAlice(path).method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return dav().send(b.build()).statusCode();
    }

    @Test
    void anExclusiveLockIsGrantedWithARandomTokenAndDiscovered() throws Exception {
        assertEquals(201, send("MKCOL", "/dav/Locked1/"));

        HttpResponse<String> r = lock("/dav/Locked1/", "exclusive");

        assertEquals(200, r.statusCode(), r.body());
        String token = token(r);
        Document body = Multistatus.parseXml(r.body());
        assertEquals(token, body.getElementsByTagNameNS("DAV:", "locktoken").item(0).getTextContent().strip());
        assertEquals("/dav/Locked1/", body.getElementsByTagNameNS("DAV:", "lockroot").item(0).getTextContent().strip());
        String props = dav().propfind("/dav/Locked1/", "0", "").body();
        assertTrue(props.contains(token), props);
        assertTrue(props.contains("shared") && props.contains("exclusive"), props);
    }

    @Test
    void aLockedFolderRefusesChangesWithoutTheTokenAndAcceptsThemWithIt() throws Exception {
        assertEquals(201, send("MKCOL", "/dav/Locked2/"));
        String token = token(lock("/dav/Locked2/", "exclusive"));

        HttpResponse<String> refused = dav().send(dav().asAlice("/dav/Locked2/Child/")
                .method("MKCOL", HttpRequest.BodyPublishers.noBody()).build());

        assertEquals(423, refused.statusCode());
        assertTrue(refused.body().contains("lock-token-submitted"), refused.body());
        assertEquals(423, send("DELETE", "/dav/Locked2/"));
        assertEquals(201, send("MKCOL", "/dav/Locked2/Child/", "If", "(<" + token + ">)"));
        assertEquals(204, send("DELETE", "/dav/Locked2/", "If", "(<" + token + ">)"));
        assertEquals(201, send("MKCOL", "/dav/Locked2/"));
        assertEquals(200, lock("/dav/Locked2/", "exclusive").statusCode(), "the deleted folder's lock lingers");
    }

    @Test
    void exclusiveLocksConflictAndSharedLocksCoexist() throws Exception {
        assertEquals(201, send("MKCOL", "/dav/Locked3/"));
        assertEquals(201, send("MKCOL", "/dav/Shared3/"));
        token(lock("/dav/Locked3/", "exclusive"));

        HttpResponse<String> second = lock("/dav/Locked3/", "exclusive");
        HttpResponse<String> below = lock("/dav/Locked3/x.eml", "shared");

        assertEquals(423, second.statusCode());
        assertTrue(second.body().contains("no-conflicting-lock"), second.body());
        assertEquals(423, below.statusCode());
        assertEquals(200, lock("/dav/Shared3/", "shared").statusCode());
        assertEquals(200, lock("/dav/Shared3/", "shared").statusCode());
        assertEquals(423, lock("/dav/Shared3/", "exclusive").statusCode());
    }

    @Test
    void aLockIsRefreshedByItsTokenAndUnknownTokensFail() throws Exception {
        assertEquals(201, send("MKCOL", "/dav/Locked4/"));
        String token = token(lock("/dav/Locked4/", "exclusive", "Timeout", "Infinite, Second-4100000000"));

        HttpResponse<String> refreshed = dav().send(dav().asAlice("/dav/Locked4/")
                .method("LOCK", HttpRequest.BodyPublishers.noBody()).header("If", "(<" + token + ">)")
                .header("Timeout", "Second-60").build());
        HttpResponse<String> unknown = dav().send(dav().asAlice("/dav/Locked4/")
                .method("LOCK", HttpRequest.BodyPublishers.noBody())
                .header("If", "(<urn:uuid:00000000-0000-0000-0000-000000000000>)").build());

        assertEquals(200, refreshed.statusCode(), refreshed.body());
        String timeout = Multistatus.parseXml(refreshed.body()).getElementsByTagNameNS("DAV:", "timeout").item(0)
                .getTextContent().strip();
        long seconds = Long.parseLong(timeout.substring("Second-".length()));
        assertTrue(seconds > 0 && seconds <= 60, timeout);
        assertEquals(412, unknown.statusCode());
    }

    @Test
    void infiniteTimeoutsAreCapped() throws Exception {
        assertEquals(201, send("MKCOL", "/dav/Locked5/"));

        HttpResponse<String> r = lock("/dav/Locked5/", "exclusive", "Timeout", "Infinite");

        String timeout = Multistatus.parseXml(r.body()).getElementsByTagNameNS("DAV:", "timeout").item(0)
                .getTextContent().strip();
        assertTrue(timeout.startsWith("Second-"), timeout);
        assertTrue(Long.parseLong(timeout.substring(7)) <= LockStore.MAX_TIMEOUT.toSeconds(), timeout);
    }

    @Test
    void unlockReleasesOnceAndNeedsAWellFormedToken() throws Exception {
        assertEquals(201, send("MKCOL", "/dav/Locked6/"));
        String token = token(lock("/dav/Locked6/", "exclusive"));

        assertEquals(400, send("UNLOCK", "/dav/Locked6/"));
        assertEquals(400, send("UNLOCK", "/dav/Locked6/", "Lock-Token", token));
        assertEquals(204, send("UNLOCK", "/dav/Locked6/", "Lock-Token", "<" + token + ">"));
        assertEquals(409, send("UNLOCK", "/dav/Locked6/", "Lock-Token", "<" + token + ">"));
        assertEquals(201, send("MKCOL", "/dav/Locked6/Free/"));
    }

    @Test
    void anUnmappedNameInAFolderCanBeLockedButNotUnderAMissingFolder() throws Exception {
        HttpResponse<String> r = lock("/dav/INBOX/new%20file.eml", "exclusive");

        assertEquals(201, r.statusCode(), r.body());
        assertEquals(409, lock("/dav/Nowhere/new.eml", "exclusive").statusCode());
        assertEquals(204, send("UNLOCK", "/dav/INBOX/new%20file.eml", "Lock-Token", "<" + token(r) + ">"));
    }

    @Test
    void locksNeverBlockReads() throws Exception {
        assertEquals(201, send("MKCOL", "/dav/Locked7/"));
        token(lock("/dav/Locked7/", "exclusive"));

        assertEquals(207, dav().propfind("/dav/Locked7/", "1", "").statusCode());
        assertEquals(200, dav().send(dav().asAlice("/dav/Locked7/").GET().build()).statusCode());
    }

    @Test
    void locksAreNotVisibleToOtherUsers() throws Exception {
        String token = token(lock("/dav/INBOX/", "shared"));

        HttpResponse<String> bob = dav().send(dav().request("/dav/INBOX/", DavTestServer.BOB,
                DavTestServer.BOB_PASSWORD).method("PROPFIND", HttpRequest.BodyPublishers.noBody())
                .header("Depth", "0").build());

        assertEquals(207, bob.statusCode());
        assertTrue(!bob.body().contains(token), bob.body());
    }

    @Test
    void garbageLockRequestsAreBadRequests() throws Exception {
        assertEquals(400, lock("/dav/INBOX/", "exclusive", "Depth", "1").statusCode());
        HttpResponse<String> notLockinfo = dav().send(dav().asAlice("/dav/INBOX/")
                .method("LOCK", HttpRequest.BodyPublishers.ofString("<D:propfind xmlns:D=\"DAV:\"/>")).build());
        assertEquals(400, notLockinfo.statusCode());
    }
}

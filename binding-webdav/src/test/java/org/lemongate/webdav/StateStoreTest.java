package org.lemongate.webdav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WebDAV-only state in its default store, an H2 file (ADR 6): dead properties, locks and client-chosen names
 * survive a restart of the web application, and dead properties follow MOVE and COPY.
 */
class StateStoreTest {

    private static final String WIN = "urn:schemas-microsoft-com:";
    private static final String WIN32_TIME = "<D:prop><Z:Win32LastModifiedTime/></D:prop>";
    private static final String TIME = "Mon, 30 Nov 2026 10:00:00 GMT";

    @TempDir
    static Path dataDir;

    private static DavTestServer dav;

    @BeforeAll
    static void start() throws Exception {
        dav = DavTestServer.withGreenMail(StoreLocation.defaultUrl(dataDir));
    }

    @AfterAll
    static void stop() throws Exception {
        dav.close();
    }

    private static HttpResponse<String> send(String method, String path, String body, String... headers)
            throws Exception {
        HttpRequest.Builder b = dav.asAlice(path).method(method, body.isEmpty()
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return dav.send(b.build());
    }

    private static void put(String path, String subject) throws Exception {
        HttpResponse<String> r = send("PUT", path, "From: a@example.org\r\nSubject: " + subject
                + "\r\n\r\nbody\r\n");
        assertEquals(201, r.statusCode(), r.body());
    }

    private static void setTime(String path) throws Exception {
        HttpResponse<String> r = send("PROPPATCH", path, "<?xml version=\"1.0\"?><D:propertyupdate xmlns:D=\"DAV:\""
                + " xmlns:Z=\"" + WIN + "\"><D:set><D:prop><Z:Win32LastModifiedTime>" + TIME
                + "</Z:Win32LastModifiedTime></D:prop></D:set></D:propertyupdate>");
        assertEquals(207, r.statusCode(), r.body());
    }

    private static Map<String, String> props(String path, String prop) throws Exception {
        String body = "<?xml version=\"1.0\"?><D:propfind xmlns:D=\"DAV:\" xmlns:Z=\"" + WIN + "\">" + prop
                + "</D:propfind>";
        HttpResponse<String> r = dav.propfind(path, "0", body);
        assertEquals(207, r.statusCode(), r.body());
        return Multistatus.parse(r.body()).responses().values().iterator().next();
    }

    @Test
    void deadPropertiesLocksAndNamesSurviveARestart() throws Exception {
        put("/dav/INBOX/kept%20%23name.eml", "Kept");
        setTime("/dav/INBOX/kept%20%23name.eml");
        HttpResponse<String> lock = send("LOCK", "/dav/INBOX/kept%20%23name.eml", "<?xml version=\"1.0\"?>"
                + "<D:lockinfo xmlns:D=\"DAV:\"><D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/>"
                + "</D:locktype><D:owner>tester</D:owner></D:lockinfo>", "Timeout", "Second-600");
        assertEquals(200, lock.statusCode(), lock.body());
        String token = lock.headers().firstValue("Lock-Token").orElseThrow();

        dav.restart();

        assertEquals(TIME, props("/dav/INBOX/kept%20%23name.eml", WIN32_TIME).get("Win32LastModifiedTime"));
        assertEquals(423, send("DELETE", "/dav/INBOX/kept%20%23name.eml", "").statusCode(),
                "the lock still holds after the restart");
        assertEquals(204, send("UNLOCK", "/dav/INBOX/kept%20%23name.eml", "", "Lock-Token", token).statusCode());
        assertEquals(204, send("DELETE", "/dav/INBOX/kept%20%23name.eml", "").statusCode());
    }

    @Test
    void deadPropertiesFollowCopyAndMoveOfFilesAndFolders() throws Exception {
        assertEquals(201, send("MKCOL", "/dav/Projects/", "").statusCode());
        put("/dav/Projects/plan.eml", "Plan");
        setTime("/dav/Projects/plan.eml");
        setTime("/dav/Projects/");

        assertEquals(201, send("COPY", "/dav/Projects/plan.eml", "", "Destination", "/dav/Archive/plan.eml")
                .statusCode());
        assertEquals(201, send("MOVE", "/dav/Projects/", "", "Destination", "/dav/Done/").statusCode());
        dav.restart();

        assertEquals(TIME, props("/dav/Archive/plan.eml", WIN32_TIME).get("Win32LastModifiedTime"));
        assertEquals(TIME, props("/dav/Done/", WIN32_TIME).get("Win32LastModifiedTime"));
        assertEquals(TIME, props("/dav/Done/plan.eml", WIN32_TIME).get("Win32LastModifiedTime"));
        assertEquals(404, dav.propfind("/dav/Projects/", "0", "").statusCode());

        assertEquals(201, send("MKCOL", "/dav/Projects/", "").statusCode());
        assertFalse(props("/dav/Projects/", WIN32_TIME).containsKey("Win32LastModifiedTime"),
                "a new folder under an old name does not inherit the moved folder's properties");
        assertTrue(send("DELETE", "/dav/Done/", "").statusCode() == 204);
    }
}

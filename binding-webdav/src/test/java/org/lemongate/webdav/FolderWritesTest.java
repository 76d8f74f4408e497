package org.lemongate.webdav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MKCOL, DELETE and MOVE of folders, checked over WebDAV against GreenMail through the real connector. */
class FolderWritesTest {

    @RegisterExtension
    static final GreenMailDav DAV = new GreenMailDav();

    private static DavTestServer dav() {
        return DAV.server();
    }

    private static int send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder b = dav().asAlice(path).method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return dav().send(b.build()).statusCode();
    }

    private static int depth0(String path) throws Exception {
        return dav().propfind(path, "0", "").statusCode();
    }

    @Test
    void mkcolCreatesAMailboxOnceAndOnlyOnce() throws Exception {
        assertEquals(201, send("MKCOL", "/dav/Projects%20%C3%A9t%C3%A9/"));
        assertEquals(207, depth0("/dav/Projects%20%C3%A9t%C3%A9/"));
        assertEquals(405, send("MKCOL", "/dav/Projects%20%C3%A9t%C3%A9/"));
    }

    @Test
    void mkcolWithABodyIsUnsupportedMediaAndCreatesNothing() throws Exception {
        HttpResponse<String> r = dav().send(dav().asAlice("/dav/WithBody/")
                .method("MKCOL", HttpRequest.BodyPublishers.ofString("<x/>")).build());

        assertEquals(415, r.statusCode());
        assertEquals(404, depth0("/dav/WithBody/"));
    }

    @Test
    void mkcolUnderAMissingParentIsAConflictAndCreatesNothing() throws Exception {
        assertEquals(409, send("MKCOL", "/dav/NoParent/Child/"));
        assertEquals(404, depth0("/dav/NoParent/"));
    }

    @Test
    void deleteRemovesAFolderWithEverythingBelowIt() throws Exception {
        assertEquals(201, send("MKCOL", "/dav/Old/"));
        assertEquals(201, send("MKCOL", "/dav/Old/Older/"));

        assertEquals(204, send("DELETE", "/dav/Old/"));

        assertEquals(404, depth0("/dav/Old/Older/"));
        assertEquals(404, depth0("/dav/Old/"));
    }

    @Test
    void deleteOfNothingIsNotFoundAndTheInboxStays() throws Exception {
        assertEquals(404, send("DELETE", "/dav/Never/"));
        assertEquals(403, send("DELETE", "/dav/INBOX/"));
        assertEquals(207, depth0("/dav/INBOX/"));
    }

    @Test
    void moveRenamesAFolderWithItsChildren() throws Exception {
        assertEquals(201, send("MKCOL", "/dav/Draft%20plans/"));
        assertEquals(201, send("MKCOL", "/dav/Draft%20plans/2027/"));

        assertEquals(201, send("MOVE", "/dav/Draft%20plans/", "Destination", dav().uri("/dav/Plans/").toString()));

        assertEquals(404, depth0("/dav/Draft%20plans/"));
        assertEquals(207, depth0("/dav/Plans/2027/"));
    }

    @Test
    void moveOntoAnExistingFolderHonoursOverwrite() throws Exception {
        assertEquals(201, send("MKCOL", "/dav/Left/"));
        assertEquals(201, send("MKCOL", "/dav/Right/"));

        assertEquals(412, send("MOVE", "/dav/Left/", "Destination", "/dav/Right/", "Overwrite", "F"));
        assertEquals(207, depth0("/dav/Left/"));
        assertEquals(204, send("MOVE", "/dav/Left/", "Destination", "/dav/Right/", "Overwrite", "T"));
        assertEquals(404, depth0("/dav/Left/"));
        assertEquals(207, depth0("/dav/Right/"));
    }

    @Test
    void badMovesAreRefusedAndChangeNothing() throws Exception {
        assertEquals(201, send("MKCOL", "/dav/Stay/"));

        assertEquals(400, send("MOVE", "/dav/Stay/"));
        assertEquals(400, send("MOVE", "/dav/Stay/", "Destination", "/dav/Gone/", "Overwrite", "maybe"));
        assertEquals(409, send("MOVE", "/dav/Stay/", "Destination", "/dav/Stay/Inside/"));
        assertEquals(409, send("MOVE", "/dav/Stay/", "Destination", "/dav/Missing/Gone/"));
        assertEquals(400, send("MOVE", "/dav/Stay/", "Destination", "/elsewhere/Gone/"));
        assertEquals(400, send("MOVE", "/dav/Stay/", "Destination", "/dav/%2e%2e/Gone/"));
        assertEquals(403, send("MOVE", "/dav/Stay/", "Destination", "http://example.org/dav/Gone/"));
        assertEquals(403, send("MOVE", "/dav/INBOX/", "Destination", "/dav/Inbox2/"));

        assertEquals(207, depth0("/dav/Stay/"));
        assertEquals(404, depth0("/dav/Gone/"));
    }

    @Test
    void copyOfAFolderTakesItsMessagesAndSubfolders() throws Exception {
        assertEquals(201, send("COPY", "/dav/Archive/", "Destination", "/dav/Archive%20copy/"));

        Multistatus year = Multistatus.parse(dav().propfind("/dav/Archive%20copy/2026/", "1", "").body());
        assertTrue(year.responses().values().stream().anyMatch(p -> "Archived in 2026".equals(p.get("displayname"))),
                year.responses().toString());
        assertEquals(207, depth0("/dav/Archive/2026/"));
        assertEquals(400, send("COPY", "/dav/Archive/", "Destination", "/dav/Other/", "Depth", "1"));
    }
}

package org.lemongate.webdav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** PROPPATCH: IMAP flags through the mail namespace, dead properties, protected live properties. */
class PropertyPatchTest {

    @RegisterExtension
    static final GreenMailDav DAV = new GreenMailDav();

    private static final String WIN = "urn:schemas-microsoft-com:";
    private static final String MAIL_PROPS = "<D:prop><m:seen/><m:flagged/><m:flags/></D:prop>";

    private static DavTestServer dav() {
        return DAV.server();
    }

    private static HttpResponse<String> patch(String path, String updates) throws Exception {
        String body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><D:propertyupdate xmlns:D=\"DAV:\" xmlns:m=\""
                + MailProperties.URI + "\" xmlns:Z=\"" + WIN + "\">" + updates + "</D:propertyupdate>";
        return dav().send(dav().asAlice(path).method("PROPPATCH", HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/xml").build());
    }

    private static Map<String, String> props(String path, String prop) throws Exception {
        String body = "<?xml version=\"1.0\"?><D:propfind xmlns:D=\"DAV:\" xmlns:m=\"" + MailProperties.URI
                + "\" xmlns:Z=\"" + WIN + "\">" + prop + "</D:propfind>";
        return Multistatus.parse(dav().propfind(path, "0", body).body()).responses().values().iterator().next();
    }

    private static String put(String path, String subject) throws Exception {
        HttpResponse<String> r = dav().send(dav().asAlice(path).PUT(HttpRequest.BodyPublishers.ofString(
                "From: a@example.org\r\nSubject: " + subject + "\r\n\r\nbody\r\n")).build());
        assertEquals(201, r.statusCode(), r.body());
        return path;
    }

    @Test
    void seenAndFlaggedChangeTheImapFlags() throws Exception {
        String file = put("/dav/INBOX/flags.eml", "Flags");
        assertEquals("true", props(file, MAIL_PROPS).get("seen"), "PUT files are filed as seen");

        HttpResponse<String> r = patch(file, "<D:set><D:prop><m:flagged>true</m:flagged><m:seen>false</m:seen>"
                + "</D:prop></D:set>");

        assertEquals(207, r.statusCode(), r.body());
        assertFalse(r.body().contains("403") || r.body().contains("424"), r.body());
        Map<String, String> after = props(file, MAIL_PROPS);
        assertEquals("true", after.get("flagged"));
        assertEquals("false", after.get("seen"));
        assertTrue(after.get("flags").contains("\\Flagged"), after.toString());
    }

    @Test
    void keywordsAreReplacedAsAWholeSet() throws Exception {
        String file = put("/dav/INBOX/keywords.eml", "Keywords");

        assertEquals(207, patch(file, "<D:set><D:prop><m:keywords>$Work urgent</m:keywords></D:prop></D:set>")
                .statusCode());
        assertTrue(props(file, MAIL_PROPS).get("flags").contains("$Work"));
        patch(file, "<D:set><D:prop><m:keywords>urgent</m:keywords></D:prop></D:set>");

        String flags = props(file, MAIL_PROPS).get("flags");
        assertTrue(flags.contains("urgent") && !flags.contains("$Work"), flags);
    }

    @Test
    void deadPropertiesPersistFollowAMoveAndCanBeRemoved() throws Exception {
        String file = put("/dav/INBOX/windows.eml", "Windows");
        String win32 = "<D:prop><Z:Win32LastModifiedTime/></D:prop>";

        HttpResponse<String> set = patch(file, "<D:set><D:prop><Z:Win32LastModifiedTime>Mon, 30 Nov 2026 "
                + "10:00:00 GMT</Z:Win32LastModifiedTime></D:prop></D:set>");
        assertEquals(207, set.statusCode(), set.body());
        assertEquals("Mon, 30 Nov 2026 10:00:00 GMT", props(file, win32).get("Win32LastModifiedTime"));

        assertEquals(201, dav().send(dav().asAlice(file).method("MOVE", HttpRequest.BodyPublishers.noBody())
                .header("Destination", "/dav/Archive/windows.eml").build()).statusCode());
        assertEquals("Mon, 30 Nov 2026 10:00:00 GMT",
                props("/dav/Archive/windows.eml", win32).get("Win32LastModifiedTime"));

        patch("/dav/Archive/windows.eml", "<D:remove><D:prop><Z:Win32LastModifiedTime/></D:prop></D:remove>");
        assertFalse(props("/dav/Archive/windows.eml", win32).containsKey("Win32LastModifiedTime"));
    }

    @Test
    void aProtectedPropertyFailsTheWholeRequest() throws Exception {
        String file = put("/dav/INBOX/protected.eml", "Protected");

        HttpResponse<String> r = patch(file, "<D:set><D:prop><D:getetag>\"1-1\"</D:getetag>"
                + "<Z:Win32FileAttributes>00000020</Z:Win32FileAttributes><m:flagged>true</m:flagged>"
                + "</D:prop></D:set>");

        assertEquals(207, r.statusCode());
        assertTrue(r.body().contains("403") && r.body().contains("424"), r.body());
        assertEquals("false", props(file, MAIL_PROPS).get("flagged"));
        assertFalse(props(file, "<D:prop><Z:Win32FileAttributes/></D:prop>").containsKey("Win32FileAttributes"));
    }

    @Test
    void badRequestsAreRefused() throws Exception {
        assertEquals(404, patch("/dav/INBOX/none.eml", "<D:set><D:prop><Z:x>1</Z:x></D:prop></D:set>").statusCode());
        HttpResponse<String> notAnUpdate = dav().send(dav().asAlice("/dav/INBOX/").method("PROPPATCH",
                HttpRequest.BodyPublishers.ofString("<D:propfind xmlns:D=\"DAV:\"/>")).build());
        assertEquals(400, notAnUpdate.statusCode());
        HttpResponse<String> notABoolean = patch(put("/dav/INBOX/bool.eml", "Bool"),
                "<D:set><D:prop><m:seen>maybe</m:seen></D:prop></D:set>");
        assertTrue(notABoolean.body().contains("409"), notABoolean.body());
    }
}

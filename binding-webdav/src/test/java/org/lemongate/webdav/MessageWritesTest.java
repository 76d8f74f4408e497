package org.lemongate.webdav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** PUT, DELETE, MOVE and COPY of message files, checked over WebDAV against GreenMail through the real connector. */
class MessageWritesTest {

    @RegisterExtension
    static final GreenMailDav DAV = new GreenMailDav();

    private static DavTestServer dav() {
        return DAV.server();
    }

    private static String mail(String subject) {
        return "From: Alice <alice@example.org>\r\nTo: Bob <bob@example.org>\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + subject.hashCode() + "@example.org>\r\n\r\nA file dropped into a folder.\r\n";
    }

    private static HttpResponse<String> put(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = dav().asAlice(path).PUT(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return dav().send(b.build());
    }

    private static Multistatus inbox() throws Exception {
        return Multistatus.parse(dav().propfind("/dav/INBOX/", "1", "").body());
    }

    @Test
    void aPutFileKeepsItsNameAndIsAMessage() throws Exception {
        HttpResponse<String> r = put("/dav/INBOX/Report%20Q3.eml", mail("Quarterly report"));

        assertEquals(201, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("ETag").orElseThrow().matches("\"\\d+-\\d+\""));
        assertEquals("Quarterly report", inbox().at("/dav/INBOX/Report%20Q3.eml").get("displayname"));
        String got = dav().send(dav().asAlice("/dav/INBOX/Report%20Q3.eml").GET().build()).body();
        // Whole, although GreenMail's RFC822.SIZE counts the body alone (see MessageFilesTest).
        assertEquals(mail("Quarterly report"), got);
        assertEquals(r.headers().firstValue("ETag"),
                dav().send(dav().asAlice("/dav/INBOX/Report%20Q3.eml").GET().build()).headers().firstValue("ETag"));
    }

    @Test
    void aSecondPutReplacesTheMessageUnderTheSameName() throws Exception {
        assertEquals(201, put("/dav/INBOX/notes.eml", mail("First draft")).statusCode());

        HttpResponse<String> again = put("/dav/INBOX/notes.eml", mail("Second draft"));

        assertEquals(204, again.statusCode(), again.body());
        Multistatus ms = inbox();
        assertEquals("Second draft", ms.at("/dav/INBOX/notes.eml").get("displayname"));
        assertFalse(ms.responses().values().stream().anyMatch(p -> "First draft".equals(p.get("displayname"))),
                "the replaced message is still there");
    }

    @Test
    void conditionalPutsAreHonoured() throws Exception {
        assertEquals(201, put("/dav/INBOX/guarded.eml", mail("Guarded")).statusCode());

        assertEquals(412, put("/dav/INBOX/guarded.eml", mail("Clobber"), "If-None-Match", "*").statusCode());
        assertEquals(412, put("/dav/INBOX/guarded.eml", mail("Clobber"), "If-Match", "\"1-1\"").statusCode());
        assertEquals(412, put("/dav/INBOX/absent.eml", mail("Clobber"), "If-Match", "*").statusCode());
        assertEquals("Guarded", inbox().at("/dav/INBOX/guarded.eml").get("displayname"));
    }

    @Test
    void putsOutsideAMailFolderOrOntoAFolderAreRefused() throws Exception {
        assertEquals(409, put("/dav/Nowhere/x.eml", mail("Lost")).statusCode());
        assertEquals(405, put("/dav/Archive/", mail("Folder")).statusCode());
    }

    @Test
    void somethingThatIsNotMailIsKeptWrappedAndComesBackAsPut() throws Exception {
        HttpResponse<String> r = put("/dav/INBOX/picture.jpg", "\u0000\u0001binary");

        assertEquals(201, r.statusCode(), r.body());
        assertEquals("\u0000\u0001binary", dav().send(dav().asAlice("/dav/INBOX/picture.jpg").GET().build()).body());
        assertEquals("application/octet-stream", inbox().at("/dav/INBOX/picture.jpg").get("getcontenttype"));
    }

    @Test
    void aLockedNameTakesAPutOnlyWithTheToken() throws Exception {
        HttpResponse<String> lock = dav().send(dav().asAlice("/dav/INBOX/locked.eml").method("LOCK",
                HttpRequest.BodyPublishers.ofString("<D:lockinfo xmlns:D=\"DAV:\"><D:lockscope><D:exclusive/>"
                        + "</D:lockscope><D:locktype><D:write/></D:locktype></D:lockinfo>")).build());
        assertEquals(201, lock.statusCode(), lock.body());
        String token = lock.headers().firstValue("Lock-Token").orElseThrow();

        assertEquals(423, put("/dav/INBOX/locked.eml", mail("Without token")).statusCode());
        // The LOCK made an empty file (RFC 4918 section 7.3), which the PUT replaces.
        assertEquals(204, put("/dav/INBOX/locked.eml", mail("With token"), "If", "(" + token + ")").statusCode());
        assertEquals("With token", inbox().at("/dav/INBOX/locked.eml").get("displayname"));
    }

    @Test
    void deleteRemovesTheMessageAndItsName() throws Exception {
        assertEquals(201, put("/dav/INBOX/doomed.eml", mail("Doomed")).statusCode());

        HttpResponse<String> r = dav().send(dav().asAlice("/dav/INBOX/doomed.eml")
                .method("DELETE", HttpRequest.BodyPublishers.noBody()).build());

        assertEquals(204, r.statusCode(), r.body());
        assertEquals(404, dav().propfind("/dav/INBOX/doomed.eml", "0", "").statusCode());
        assertFalse(inbox().responses().values().stream().anyMatch(p -> "Doomed".equals(p.get("displayname"))));
    }

    private static int transfer(String method, String from, String to, String... headers) throws Exception {
        HttpRequest.Builder b = dav().asAlice(from).method(method, HttpRequest.BodyPublishers.noBody())
                .header("Destination", to);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return dav().send(b.build()).statusCode();
    }

    @Test
    void aDestinationWithUserInfoAsKioSendsItIsThisServer() throws Exception {
        assertEquals(201, put("/dav/INBOX/from%20kio.eml", mail("From kio")).statusCode());
        String withUserInfo = dav().uri("/dav/Archive/kio%20moved.eml").toString()
                .replace("://", "://alice%40example.org:alice-secret@");

        assertEquals(201, transfer("MOVE", "/dav/INBOX/from%20kio.eml", withUserInfo, "Depth", "infinity",
                "Overwrite", "F"));

        assertEquals(404, dav().propfind("/dav/INBOX/from%20kio.eml", "0", "").statusCode());
        Multistatus archive = Multistatus.parse(dav().propfind("/dav/Archive/", "1", "").body());
        assertEquals("From kio", archive.at("/dav/Archive/kio%20moved.eml").get("displayname"));
        assertEquals(403, transfer("COPY", "/dav/Archive/kio%20moved.eml",
                "http://alice@example.org/dav/Archive/elsewhere.eml"), "user info does not make another host ours");
        assertEquals(404, dav().propfind("/dav/Archive/elsewhere.eml", "0", "").statusCode());
    }

    @Test
    void aMessageMovesToAnotherFolderUnderTheDestinationName() throws Exception {
        assertEquals(201, put("/dav/INBOX/travelling.eml", mail("Travelling")).statusCode());

        assertEquals(201, transfer("MOVE", "/dav/INBOX/travelling.eml", "/dav/Archive/arrived.eml"));

        assertEquals(404, dav().propfind("/dav/INBOX/travelling.eml", "0", "").statusCode());
        Multistatus archive = Multistatus.parse(dav().propfind("/dav/Archive/", "1", "").body());
        assertEquals("Travelling", archive.at("/dav/Archive/arrived.eml").get("displayname"));
    }

    @Test
    void aMessageIsRenamedInPlace() throws Exception {
        assertEquals(201, put("/dav/INBOX/before.eml", mail("Renamed")).statusCode());

        assertEquals(201, transfer("MOVE", "/dav/INBOX/before.eml", "/dav/INBOX/after.eml"));

        assertEquals(404, dav().propfind("/dav/INBOX/before.eml", "0", "").statusCode());
        assertEquals("Renamed", inbox().at("/dav/INBOX/after.eml").get("displayname"));
    }

    @Test
    void aCopyLeavesTheOriginalAndHonoursOverwrite() throws Exception {
        assertEquals(201, put("/dav/INBOX/original.eml", mail("Original")).statusCode());
        assertEquals(201, put("/dav/INBOX/other.eml", mail("Other")).statusCode());

        assertEquals(201, transfer("COPY", "/dav/INBOX/original.eml", "/dav/Archive/2026/copy.eml"));
        assertEquals(412, transfer("COPY", "/dav/INBOX/original.eml", "/dav/INBOX/other.eml", "Overwrite", "F"));
        assertEquals(204, transfer("COPY", "/dav/INBOX/original.eml", "/dav/INBOX/other.eml", "Overwrite", "T"));

        Multistatus ms = inbox();
        assertEquals("Original", ms.at("/dav/INBOX/original.eml").get("displayname"));
        assertEquals("Original", ms.at("/dav/INBOX/other.eml").get("displayname"));
        Multistatus year = Multistatus.parse(dav().propfind("/dav/Archive/2026/", "1", "").body());
        assertEquals("Original", year.at("/dav/Archive/2026/copy.eml").get("displayname"));
    }

    @Test
    void aMessageCannotLandOutsideAMailFolder() throws Exception {
        assertEquals(201, put("/dav/INBOX/grounded.eml", mail("Grounded")).statusCode());

        assertEquals(409, transfer("MOVE", "/dav/INBOX/grounded.eml", "/dav/grounded.eml"));
        assertEquals(409, transfer("COPY", "/dav/INBOX/grounded.eml", "/dav/Missing/grounded.eml"));
        assertEquals("Grounded", inbox().at("/dav/INBOX/grounded.eml").get("displayname"));
    }
}

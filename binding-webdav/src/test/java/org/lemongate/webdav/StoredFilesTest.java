package org.lemongate.webdav;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailboxName;

/**
 * Empty files, locked empty resources and desktop side files are accepted, listed and served byte for byte, but
 * never become messages: they live in the state store (ADR 12).
 */
class StoredFilesTest {

    @RegisterExtension
    static final GreenMailDav DAV = new GreenMailDav();

    private static DavTestServer dav() {
        return DAV.server();
    }

    private static HttpResponse<String> send(String method, String path, byte[] body, String... headers)
            throws Exception {
        HttpRequest.Builder b = dav().asAlice(path).method(method, body.length == 0
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return dav().send(b.build());
    }

    private static long messages(String mailbox) {
        MailAccount alice = dav().gateway().login(Credentials.password(DavTestServer.ALICE,
                DavTestServer.ALICE_PASSWORD, "127.0.0.1"));
        return alice.mailbox(MailboxName.of(mailbox)).status().orElseThrow().messages();
    }

    private static Map<String, String> listed(String folder, String href) throws Exception {
        return Multistatus.parse(dav().propfind(folder, "1", "").body()).at(href);
    }

    @Test
    void emptyAndSideFilesRoundTripWithoutBecomingMessages() throws Exception {
        long before = messages("INBOX");
        byte[] appleDouble = new byte[4096];
        new Random(3).nextBytes(appleDouble);

        assertEquals(201, send("PUT", "/dav/INBOX/empty.txt", new byte[0]).statusCode());
        assertEquals(201, send("PUT", "/dav/INBOX/._report.pdf", appleDouble).statusCode());
        assertEquals(201, send("PUT", "/dav/.DS_Store", "Bud1".getBytes(StandardCharsets.US_ASCII)).statusCode(),
                "Finder writes .DS_Store into the root too");

        assertEquals(before, messages("INBOX"), "no junk messages");
        assertArrayEquals(appleDouble, dav().sendForBytes(dav().asAlice("/dav/INBOX/._report.pdf").GET().build())
                .body());
        assertEquals("4096", listed("/dav/INBOX/", "/dav/INBOX/._report.pdf").get("getcontentlength"));
        assertEquals("0", listed("/dav/INBOX/", "/dav/INBOX/empty.txt").get("getcontentlength"));
        assertEquals("Bud1", dav().send(dav().asAlice("/dav/.DS_Store").GET().build()).body());
        assertEquals(404, dav().send(dav().asAlice("/dav/INBOX/desktop.ini").GET().build()).statusCode());
    }

    @Test
    void windowsUploadSequenceEndsAsOneMessageWithTheName() throws Exception {
        String file = "/dav/INBOX/From%20Windows.docx";
        // Not mail, so it is served from the wrapped attachment: byte-exact even on GreenMail, whose RFC822.SIZE
        // of plain messages is not (see MessageFilesTest).
        byte[] mail = new byte[3000];
        new Random(5).nextBytes(mail);
        long before = messages("INBOX");

        assertEquals(201, send("PUT", file, new byte[0]).statusCode());
        HttpResponse<String> lock = send("LOCK", file, ("<?xml version=\"1.0\"?><D:lockinfo xmlns:D=\"DAV:\">"
                + "<D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype></D:lockinfo>")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(200, lock.statusCode(), lock.body());
        String token = lock.headers().firstValue("Lock-Token").orElseThrow();
        HttpResponse<String> patch = send("PROPPATCH", file, ("<?xml version=\"1.0\"?><D:propertyupdate"
                + " xmlns:D=\"DAV:\" xmlns:Z=\"urn:schemas-microsoft-com:\"><D:set><D:prop><Z:Win32FileAttributes>"
                + "00000020</Z:Win32FileAttributes></D:prop></D:set></D:propertyupdate>")
                .getBytes(StandardCharsets.UTF_8), "If", "(" + token + ")");
        assertEquals(207, patch.statusCode(), patch.body());
        assertEquals(423, send("PUT", file, mail).statusCode(), "the lock holds without its token");
        assertEquals(204, send("PUT", file, mail, "If", "(" + token + ")").statusCode());
        assertEquals(204, send("UNLOCK", file, new byte[0], "Lock-Token", token).statusCode());

        assertEquals(before + 1, messages("INBOX"));
        assertArrayEquals(mail, dav().sendForBytes(dav().asAlice(file).GET().build()).body());
        assertEquals("00000020", Multistatus.parse(dav().propfind(file, "0", "<?xml version=\"1.0\"?><D:propfind"
                + " xmlns:D=\"DAV:\" xmlns:Z=\"urn:schemas-microsoft-com:\"><D:prop><Z:Win32FileAttributes/>"
                + "</D:prop></D:propfind>").body()).at(file).get("Win32FileAttributes"));
    }

    @Test
    void lockOnAnUnmappedUrlMakesAnEmptyLockedFile() throws Exception {
        String file = "/dav/INBOX/davfs2.txt";
        long before = messages("INBOX");

        HttpResponse<String> lock = send("LOCK", file, ("<?xml version=\"1.0\"?><D:lockinfo xmlns:D=\"DAV:\">"
                + "<D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype></D:lockinfo>")
                .getBytes(StandardCharsets.UTF_8), "If-None-Match", "*");
        assertEquals(201, lock.statusCode(), lock.body());
        String token = lock.headers().firstValue("Lock-Token").orElseThrow();
        assertEquals("0", listed("/dav/INBOX/", "/dav/INBOX/davfs2.txt").get("getcontentlength"));
        assertEquals(before, messages("INBOX"));

        byte[] text = "written\nby davfs2\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(204, send("PUT", file, text, "If", "(" + token + ")").statusCode());
        assertArrayEquals(text, dav().sendForBytes(dav().asAlice(file).GET().build()).body());
        assertEquals(before + 1, messages("INBOX"));
        assertEquals(204, send("UNLOCK", file, new byte[0], "Lock-Token", token).statusCode());
    }

    @Test
    void storedFilesMoveCopyAndDeleteLikeFiles() throws Exception {
        assertEquals(201, send("MKCOL", "/dav/Side/", new byte[0]).statusCode());
        assertEquals(201, send("PUT", "/dav/Side/._a", "x".getBytes(StandardCharsets.US_ASCII)).statusCode());

        assertEquals(201, send("COPY", "/dav/Side/._a", new byte[0], "Destination", "/dav/Side/._b").statusCode());
        assertEquals(201, send("MOVE", "/dav/Side/", new byte[0], "Destination", "/dav/Moved/").statusCode());

        assertEquals("x", dav().send(dav().asAlice("/dav/Moved/._a").GET().build()).body());
        assertEquals("x", dav().send(dav().asAlice("/dav/Moved/._b").GET().build()).body());
        assertEquals(404, dav().send(dav().asAlice("/dav/Side/._a").GET().build()).statusCode());
        assertEquals(204, send("DELETE", "/dav/Moved/._b", new byte[0]).statusCode());
        assertEquals(404, dav().send(dav().asAlice("/dav/Moved/._b").GET().build()).statusCode());
        assertEquals(204, send("DELETE", "/dav/Moved/", new byte[0]).statusCode());
        assertFalse(Multistatus.parse(dav().propfind("/dav/", "1", "").body()).responses().keySet().stream()
                .anyMatch(h -> h.startsWith("/dav/Moved")));
        assertTrue(send("PUT", "/dav/Moved/._a", new byte[0]).statusCode() == 409, "the folder is gone");
    }
}

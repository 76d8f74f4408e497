package org.lemongate.webdav;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lemongate.testsupport.DovecotServer;

/**
 * Whatever a client PUTs, a GET returns byte for byte under the same name, with getcontentlength equal to those
 * bytes: text with bare LF, binary files larger than the in-memory spool, empty files. Files that are not mail are
 * messages on the IMAP server carrying the file as an attachment. Against Dovecot, whose sizes are exact.
 */
class FileRoundTripTest {

    @RegisterExtension
    static final DovecotDav DAV = new DovecotDav(DovecotServer.builder());

    private static DavTestServer dav() throws Exception {
        return DAV.server();
    }

    private static HttpRequest.Builder alice(String path) throws Exception {
        return DAV.alice(path);
    }

    private static void roundTrip(String path, byte[] content) throws Exception {
        HttpResponse<String> put = dav().send(alice(path).PUT(HttpRequest.BodyPublishers.ofByteArray(content))
                .build());
        assertEquals(201, put.statusCode(), put.body());

        HttpResponse<byte[]> get = dav().sendForBytes(alice(path).GET().build());
        assertEquals(200, get.statusCode());
        assertArrayEquals(content, get.body(), path);
        Map<String, String> props = Multistatus.parse(dav().send(alice(path).method("PROPFIND",
                HttpRequest.BodyPublishers.noBody()).header("Depth", "0").build()).body())
                .responses().values().iterator().next();
        assertEquals(Integer.toString(content.length), props.get("getcontentlength"), path);
    }

    private static String imapMessages() {
        return DAV.dovecot().doveadm("fetch", "-u", "alice", "hdr.subject body.snippet", "mailbox", "INBOX", "all");
    }

    @Test
    void bareLineFeedTextComesBackUnchangedAndIsAMessageWithTheFileAttached() throws Exception {
        byte[] text = "This is\na test file\nfor litmus.\n".getBytes(StandardCharsets.US_ASCII);

        roundTrip("/dav/INBOX/notes%20%23%201.txt", text);

        String subject = "=?utf-8?B?" + Base64.getEncoder().encodeToString("notes # 1.txt"
                .getBytes(StandardCharsets.UTF_8)) + "?=";
        assertTrue(imapMessages().contains("hdr.subject: " + subject + "\nbody.snippet: The attached file"),
                imapMessages());
    }

    @Test
    void binaryFilesBeyondTheMemorySpoolComeBackUnchangedAndServeRanges() throws Exception {
        byte[] binary = new byte[RawUpload.MEMORY_BYTES * 2 + 17];
        new Random(7).nextBytes(binary);

        roundTrip("/dav/INBOX/picture%20%C3%A9.jpg", binary);

        HttpResponse<byte[]> part = dav().sendForBytes(alice("/dav/INBOX/picture%20%C3%A9.jpg")
                .header("Range", "bytes=1000-1999").GET().build());
        assertEquals(206, part.statusCode());
        assertArrayEquals(Arrays.copyOfRange(binary, 1000, 2000), part.body());
    }

    @Test
    void emptyFilesAndMailWithCrlfRoundTrip() throws Exception {
        roundTrip("/dav/INBOX/empty.txt", new byte[0]);
        roundTrip("/dav/INBOX/real.eml", "Subject: Real mail\r\nFrom: a@example.org\r\n\r\nHello\r\n"
                .getBytes(StandardCharsets.US_ASCII));

        assertTrue(imapMessages().contains("Real mail"), imapMessages());
    }

    @Test
    void aWrappedFileKeepsItsBytesAndNameWhenMovedAndCopied() throws Exception {
        byte[] text = "moved\nfile\n".getBytes(StandardCharsets.US_ASCII);
        roundTrip("/dav/INBOX/move-me.txt", text);
        assertEquals(201, dav().send(alice("/dav/").method("MKCOL", HttpRequest.BodyPublishers.noBody())
                .uri(dav().uri("/dav/Files/")).build()).statusCode());

        assertEquals(201, dav().send(alice("/dav/INBOX/move-me.txt").method("MOVE",
                HttpRequest.BodyPublishers.noBody()).header("Destination", "/dav/Files/moved.txt").build())
                .statusCode());
        assertEquals(201, dav().send(alice("/dav/Files/moved.txt").method("COPY",
                HttpRequest.BodyPublishers.noBody()).header("Destination", "/dav/Files/copied.txt").build())
                .statusCode());

        assertArrayEquals(text, dav().sendForBytes(alice("/dav/Files/moved.txt").GET().build()).body());
        assertArrayEquals(text, dav().sendForBytes(alice("/dav/Files/copied.txt").GET().build()).body());
    }
}

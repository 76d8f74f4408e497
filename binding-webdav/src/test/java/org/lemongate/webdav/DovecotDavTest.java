package org.lemongate.webdav;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lemongate.testsupport.DovecotServer;

/**
 * The binding in front of a real Dovecot, whose RFC822.SIZE is exact and which has QUOTA: what a client PUTs, a GET
 * returns byte for byte, with the size PROPFIND reported; quota properties come from IMAP QUOTA.
 */
class DovecotDavTest {

    private static final long QUOTA = 10L * 1024 * 1024;

    @RegisterExtension
    static final DovecotDav DAV = new DovecotDav(DovecotServer.builder().storageQuotaBytes(QUOTA));

    private static DavTestServer dav() throws Exception {
        return DAV.server();
    }

    private static HttpRequest.Builder alice(String path) throws Exception {
        return DAV.alice(path);
    }

    private static Map<String, String> props(String path, String body) throws Exception {
        HttpResponse<String> r = dav().send(alice(path).method("PROPFIND", HttpRequest.BodyPublishers.ofString(body))
                .header("Depth", "0").build());
        assertEquals(207, r.statusCode(), r.body());
        return Multistatus.parse(r.body()).responses().values().iterator().next();
    }

    @Test
    void whatIsPutIsWhatIsGotByteForByteWithTheReportedSize() throws Exception {
        byte[] mail = ("From: Alice <alice@example.org>\r\nTo: Bob <bob@example.org>\r\nSubject: Round trip\r\n"
                + "Date: Mon, 30 Nov 2026 10:00:00 +0000\r\n\r\n" + "A line of text.\r\n".repeat(2000))
                .getBytes(StandardCharsets.US_ASCII);

        HttpResponse<String> put = dav().send(alice("/dav/INBOX/round%20trip.eml")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(mail)).build());
        assertEquals(201, put.statusCode(), put.body());

        HttpResponse<byte[]> get = dav().sendForBytes(alice("/dav/INBOX/round%20trip.eml").GET().build());
        assertEquals(200, get.statusCode());
        assertArrayEquals(mail, get.body());
        Map<String, String> p = props("/dav/INBOX/round%20trip.eml", "");
        assertEquals(Integer.toString(mail.length), p.get("getcontentlength"));
        assertEquals(put.headers().firstValue("ETag").orElseThrow(), p.get("getetag"));

        HttpResponse<byte[]> part = dav().sendForBytes(alice("/dav/INBOX/round%20trip.eml")
                .header("Range", "bytes=100-20099").GET().build());
        assertEquals(206, part.statusCode());
        assertArrayEquals(Arrays.copyOfRange(mail, 100, 20100), part.body());
    }

    @Test
    void quotaPropertiesComeFromImapQuota() throws Exception {
        Map<String, String> quota = props("/dav/", "<?xml version=\"1.0\"?><D:propfind xmlns:D=\"DAV:\"><D:prop>"
                + "<D:quota-available-bytes/><D:quota-used-bytes/></D:prop></D:propfind>");

        long used = Long.parseLong(quota.get("quota-used-bytes"));
        long available = Long.parseLong(quota.get("quota-available-bytes"));
        assertEquals(QUOTA, used + available, quota.toString());
        assertTrue(used >= 0 && available > 0, quota.toString());
    }
}

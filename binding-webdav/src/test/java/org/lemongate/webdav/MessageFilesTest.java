package org.lemongate.webdav;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Messages as files: listing, properties and streamed content, against GreenMail through the real connector. */
class MessageFilesTest {

    @RegisterExtension
    static final GreenMailDav DAV = new GreenMailDav();

    private static final Pattern HELLO =
            Pattern.compile("/dav/INBOX/\\d{4}-\\d{2}-\\d{2}%20Hello%20WebDAV%20%5B\\d+%5D\\.eml");

    private static DavTestServer dav() {
        return DAV.server();
    }

    private static String hrefOf(Pattern pattern) throws Exception {
        Multistatus ms = Multistatus.parse(dav().propfind("/dav/INBOX/", "1", "").body());
        return ms.responses().keySet().stream().filter(h -> pattern.matcher(h).matches()).findFirst()
                .orElseThrow(() -> new AssertionError("no " + pattern + " in " + ms.responses().keySet()));
    }

    @Test
    void aMailboxListsItsMessagesAsFilesWithReadableNames() throws Exception {
        Multistatus ms = Multistatus.parse(dav().propfind("/dav/INBOX/", "1", "").body());

        Map<String, String> hello = ms.at(hrefOf(HELLO));
        assertEquals("", hello.get("resourcetype"));
        assertEquals("Hello WebDAV", hello.get("displayname"));
        assertEquals("message/rfc822", hello.get("getcontenttype"));
        String figures = ms.responses().keySet().stream().filter(h -> h.contains("Q3%20figures")).findFirst()
                .orElseThrow();
        String name = URLDecoder.decode(figures.substring("/dav/INBOX/".length()), StandardCharsets.UTF_8);
        assertTrue(name.matches("\\d{4}-\\d{2}-\\d{2} Q3 figures_ 50% up_ _draft_ _ final \\[\\d+\\]\\.eml"), name);
    }

    @Test
    void aMessageHasTheLiveProperties() throws Exception {
        String href = hrefOf(HELLO);

        HttpResponse<String> r = dav().propfind(href, "0", "");

        assertEquals(207, r.statusCode(), r.body());
        Map<String, String> props = Multistatus.parse(r.body()).at(href);
        assertTrue(Long.parseLong(props.get("getcontentlength")) > 0, props.toString());
        assertTrue(props.get("getetag").matches("\"\\d+-\\d+\""), props.get("getetag"));
        // RFC 1123 with a two-digit day, parseable as HTTP requires.
        String lastModified = props.get("getlastmodified");
        assertTrue(lastModified.matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT"),
                lastModified);
        ZonedDateTime.parse(lastModified, DateTimeFormatter.RFC_1123_DATE_TIME);
        assertEquals("Hello WebDAV", props.get("displayname"));
    }

    @Test
    void getStreamsTheWholeMessageWithTheSameEtagEvenWhereTheServerMisreportsItsSize() throws Exception {
        String href = hrefOf(HELLO);
        Map<String, String> props = Multistatus.parse(dav().propfind(href, "0", "").body()).at(href);

        HttpResponse<byte[]> r = dav().sendForBytes(dav().asAlice(href).GET().build());

        assertEquals(200, r.statusCode());
        assertEquals("message/rfc822", r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(props.get("getetag"), r.headers().firstValue("ETag").orElseThrow());
        assertEquals(r.body().length, Long.parseLong(r.headers().firstValue("Content-Length").orElseThrow()));
        // GreenMail's RFC822.SIZE (the listing's getcontentlength) counts the body alone (greenmail issue 967);
        // the download still carries the whole message, header and body.
        String text = new String(r.body(), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("From: Carol <carol@example.org>\r\n"), text);
        assertTrue(text.endsWith("\r\n\r\nA first message, to be listed and fetched over WebDAV.\r\n"), text);
        assertTrue(r.body().length > Long.parseLong(props.get("getcontentlength")), props.toString());
    }

    @Test
    void headSendsTheHeadersButNoBody() throws Exception {
        String href = hrefOf(HELLO);
        HttpResponse<byte[]> get = dav().sendForBytes(dav().asAlice(href).GET().build());

        HttpResponse<byte[]> head = dav().sendForBytes(dav().asAlice(href)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());

        assertEquals(200, head.statusCode());
        assertArrayEquals(new byte[0], head.body());
        assertEquals(Long.toString(get.body().length), head.headers().firstValue("Content-Length").orElseThrow());
        assertEquals(get.headers().firstValue("ETag"), head.headers().firstValue("ETag"));
    }

    @Test
    void ifNoneMatchWithTheCurrentEtagIsNotModified() throws Exception {
        String href = hrefOf(HELLO);
        String etag = dav().send(dav().asAlice(href).GET().build()).headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> same = dav().send(dav().asAlice(href).header("If-None-Match", etag).GET().build());
        HttpResponse<String> other = dav().send(dav().asAlice(href).header("If-None-Match", "\"1-1\"").GET().build());

        assertEquals(304, same.statusCode());
        assertEquals("", same.body());
        assertEquals(200, other.statusCode());
    }

    @Test
    void aNameWithTheRightUidButOtherWordsIsNotAnAlias() throws Exception {
        String href = hrefOf(HELLO);
        String uidPart = href.substring(href.lastIndexOf("%5B"));

        HttpResponse<String> r = dav().send(dav().asAlice("/dav/INBOX/2000-01-01%20Other%20words%20" + uidPart)
                .GET().build());

        assertEquals(404, r.statusCode());
    }

    @Test
    void getOfAFolderIsAnHtmlListingOfItsMembers() throws Exception {
        String href = hrefOf(HELLO);

        HttpResponse<String> r = dav().send(dav().asAlice("/dav/INBOX/").GET().build());

        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(r.body().contains("href=\"" + href + "\""), r.body());
    }

    @Test
    void messagesOfNestedMailboxesAreReachable() throws Exception {
        Multistatus ms = Multistatus.parse(dav().propfind("/dav/Archive/2026/", "1", "").body());

        assertTrue(ms.responses().values().stream().anyMatch(p -> "Archived in 2026".equals(p.get("displayname"))),
                ms.responses().toString());
    }

    @Test
    void anotherUsersMessageCannotBeFetchedByGuessingItsName() throws Exception {
        Multistatus bobs = Multistatus.parse(dav().send(dav().request("/dav/INBOX/", DavTestServer.BOB,
                DavTestServer.BOB_PASSWORD).method("PROPFIND", HttpRequest.BodyPublishers.noBody())
                .header("Depth", "1").build()).body());
        String secret = bobs.responses().keySet().stream().filter(h -> h.contains("Bob%20only")).findFirst()
                .orElseThrow();

        HttpResponse<String> r = dav().send(dav().asAlice(secret).GET().build());

        assertEquals(404, r.statusCode());
    }

    @Test
    void aRangeIsServedAsPartialContentFromTheSameBytes() throws Exception {
        String href = hrefOf(HELLO);
        byte[] whole = dav().sendForBytes(dav().asAlice(href).GET().build()).body();

        HttpResponse<byte[]> head = dav().sendForBytes(dav().asAlice(href).header("Range", "bytes=0-9").GET().build());
        HttpResponse<byte[]> tail = dav().sendForBytes(dav().asAlice(href).header("Range", "bytes=-5").GET().build());
        HttpResponse<byte[]> from = dav().sendForBytes(dav().asAlice(href).header("Range", "bytes=6-").GET().build());

        assertEquals(206, head.statusCode());
        assertEquals("bytes 0-9/" + whole.length, head.headers().firstValue("Content-Range").orElseThrow());
        assertArrayEquals(Arrays.copyOfRange(whole, 0, 10), head.body());
        assertEquals(206, tail.statusCode());
        assertArrayEquals(Arrays.copyOfRange(whole, whole.length - 5, whole.length), tail.body());
        assertArrayEquals(Arrays.copyOfRange(whole, 6, whole.length), from.body());
    }

    @Test
    void aRangePastTheEndIsNotSatisfiable() throws Exception {
        String href = hrefOf(HELLO);
        int size = dav().sendForBytes(dav().asAlice(href).GET().build()).body().length;

        HttpResponse<String> r = dav().send(dav().asAlice(href).header("Range", "bytes=" + size + "-").GET().build());

        assertEquals(416, r.statusCode());
        assertEquals("bytes */" + size, r.headers().firstValue("Content-Range").orElseThrow());
    }

    @Test
    void aStaleIfRangeOrSeveralRangesGetTheWholeMessage() throws Exception {
        String href = hrefOf(HELLO);
        int size = dav().sendForBytes(dav().asAlice(href).GET().build()).body().length;

        HttpResponse<byte[]> stale = dav().sendForBytes(dav().asAlice(href).header("Range", "bytes=0-9")
                .header("If-Range", "\"1-1\"").GET().build());
        HttpResponse<byte[]> several = dav().sendForBytes(dav().asAlice(href).header("Range", "bytes=0-1,4-5")
                .GET().build());

        assertEquals(200, stale.statusCode());
        assertEquals(size, stale.body().length);
        assertEquals(200, several.statusCode());
        assertEquals(size, several.body().length);
    }

    @Test
    void theMailNamespaceIsReportedWhenAskedForButNotInAllprop() throws Exception {
        String href = hrefOf(HELLO);
        String body = "<?xml version=\"1.0\"?><D:propfind xmlns:D=\"DAV:\" xmlns:m=\"" + MailProperties.URI + "\">"
                + "<D:prop><m:subject/><m:from/><m:to/><m:date/><m:seen/><m:flagged/><m:uid/><m:size/>"
                + "<m:has-attachments/></D:prop></D:propfind>";

        Map<String, String> named = Multistatus.parse(dav().propfind(href, "0", body).body()).at(href);
        Map<String, String> all = Multistatus.parse(dav().propfind(href, "0", "").body()).at(href);

        assertEquals("Hello WebDAV", named.get("subject"));
        assertEquals("Carol <carol@example.org>", named.get("from"));
        assertEquals("Alice <alice@example.org>", named.get("to"));
        assertEquals("2026-11-02T08:05:09Z", named.get("date"));
        assertEquals("false", named.get("flagged"));
        assertTrue(href.endsWith("%5B" + named.get("uid") + "%5D.eml"), href);
        assertEquals(all.get("getcontentlength"), named.get("size"));
        assertEquals("false", named.get("has-attachments"));
        assertTrue(!all.containsKey("subject") && !all.containsKey("uid"), all.toString());
    }

    @Test
    void propnameListsTheMailPropertiesAndTheLockProperties() throws Exception {
        String href = hrefOf(HELLO);
        String body = "<?xml version=\"1.0\"?><D:propfind xmlns:D=\"DAV:\"><D:propname/></D:propfind>";

        HttpResponse<String> r = dav().propfind(href, "0", body);

        assertEquals(207, r.statusCode());
        assertTrue(r.body().contains(MailProperties.URI), r.body());
        Map<String, String> names = Multistatus.parse(r.body()).at(href);
        assertTrue(names.keySet().containsAll(java.util.List.of("getetag", "supportedlock", "lockdiscovery", "uid",
                "flags")), names.toString());
    }
}

package org.lemongate.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lemongate.rest.ProblemAssertions.assertProblem;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.lemongate.mapping.ByteRange;
import org.lemongate.mapping.Content;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageSummary;
import org.lemongate.mapping.PageRequest;
import org.lemongate.mapping.SearchCriteria;

import com.fasterxml.jackson.databind.JsonNode;

/** One message: JSON with structure, raw bytes with ETag and Range, decoded parts. */
class MessageContentApiTest extends LiveApi {

    @Test
    void messageShowsSummaryAndStructureWithPartLinks() throws Exception {
        User ann = newUser();
        String id = deliverAttachment(ann);
        HttpResponse<String> response = http.send(ann.request("api/v1/messages/" + id));
        assertEquals(200, response.statusCode(), response::body);
        JsonNode m = Http.parse(response.body());
        assertEquals(id, m.path("id").asText());
        assertEquals("Résumé attached", m.path("subject").asText());
        JsonNode root = m.path("structure");
        assertEquals("multipart/mixed", root.path("contentType").asText());
        JsonNode file = root.path("children").get(1);
        assertEquals("2", file.path("partId").asText());
        assertEquals("résumé.bin", file.path("filename").asText());
        assertTrue(file.path("attachment").asBoolean());
        assertEquals("/mail/api/v1/messages/" + id + "/parts/2", file.path("links").path("content").asText());
        assertTrue(response.headers().firstValue("ETag").orElseThrow().startsWith("\""));
    }

    @Test
    void unchangedMessageIsNotModified() throws Exception {
        User ann = newUser();
        String id = deliverAttachment(ann);
        String etag = http.send(ann.request("api/v1/messages/" + id)).headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = http.send(ann.request("api/v1/messages/" + id).header("If-None-Match", etag));
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());
    }

    @Test
    void rawIsByteForByteWhatTheServerHolds() throws Exception {
        User ann = newUser();
        String id = deliverAttachment(ann);
        byte[] held = direct(ann, ByteRange.ALL);
        HttpResponse<byte[]> raw = http.sendBytes(ann.request("api/v1/messages/" + id + "/raw"));
        assertEquals(200, raw.statusCode());
        assertEquals("message/rfc822", raw.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(Long.toString(held.length), raw.headers().firstValue("Content-Length").orElseThrow());
        assertEquals("bytes", raw.headers().firstValue("Accept-Ranges").orElseThrow());
        assertTrue(raw.headers().firstValue("Cache-Control").orElseThrow().contains("immutable"));
        assertArrayEquals(held, raw.body());

        HttpResponse<byte[]> negotiated = http.sendBytes(ann.request("api/v1/messages/" + id)
                .header("Accept", "message/rfc822"));
        assertEquals(200, negotiated.statusCode());
        assertArrayEquals(held, negotiated.body());
    }

    @Test
    void downloadCutHalfwayResumesWithRange() throws Exception {
        User ann = newUser();
        String id = deliverAttachment(ann);
        byte[] held = direct(ann, ByteRange.ALL);
        int half = held.length / 2;
        HttpResponse<byte[]> first = http.sendBytes(ann.request("api/v1/messages/" + id + "/raw")
                .header("Range", "bytes=0-" + (half - 1)));
        assertEquals(206, first.statusCode());
        assertEquals("bytes 0-" + (half - 1) + "/" + held.length,
                first.headers().firstValue("Content-Range").orElseThrow());
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> rest = http.sendBytes(ann.request("api/v1/messages/" + id + "/raw")
                .header("Range", "bytes=" + half + "-").header("If-Range", etag));
        assertEquals(206, rest.statusCode());
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        joined.write(first.body());
        joined.write(rest.body());
        assertArrayEquals(held, joined.toByteArray());

        HttpResponse<byte[]> suffix = http.sendBytes(ann.request("api/v1/messages/" + id + "/raw")
                .header("Range", "bytes=-100"));
        assertEquals(206, suffix.statusCode());
        assertArrayEquals(Arrays.copyOfRange(held, held.length - 100, held.length), suffix.body());

        HttpResponse<byte[]> otherVersion = http.sendBytes(ann.request("api/v1/messages/" + id + "/raw")
                .header("Range", "bytes=" + half + "-").header("If-Range", "\"something-else\""));
        assertEquals(200, otherVersion.statusCode());
        assertArrayEquals(held, otherVersion.body());
    }

    @Test
    void absurdRangesAreRefused() throws Exception {
        User ann = newUser();
        String id = deliverAttachment(ann);
        long size = direct(ann, ByteRange.ALL).length;
        HttpResponse<String> past = http.send(ann.request("api/v1/messages/" + id + "/raw")
                .header("Range", "bytes=" + size + "-"));
        assertProblem(past, 416, "range-not-satisfiable");
        assertEquals("bytes */" + size, past.headers().firstValue("Content-Range").orElseThrow());
        for (String absurd : new String[] {"bytes=abc", "bytes=5-2", "bytes=99999999999999999999-", "lines=1-2",
                "bytes=-0"}) {
            assertEquals("Range", assertProblem(http.send(ann.request("api/v1/messages/" + id + "/raw")
                    .header("Range", absurd)), 400, "invalid-input").path("field").asText(), absurd);
        }
    }

    @Test
    void partIsDecodedWithItsTypeAndFileName() throws Exception {
        User ann = newUser();
        String id = deliverAttachment(ann);
        HttpResponse<byte[]> part = http.sendBytes(ann.request("api/v1/messages/" + id + "/parts/2"));
        assertEquals(200, part.statusCode());
        assertArrayEquals(bytes("mail/attachment.bin"), part.body());
        assertEquals("application/octet-stream", part.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("attachment; filename=\"r_sum_.bin\"; filename*=UTF-8''r%C3%A9sum%C3%A9.bin",
                part.headers().firstValue("Content-Disposition").orElseThrow());
        assertEquals("nosniff", part.headers().firstValue("X-Content-Type-Options").orElseThrow());
        String etag = part.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, http.send(ann.request("api/v1/messages/" + id + "/parts/2").header("If-None-Match", etag))
                .statusCode());
        HttpResponse<String> text = http.send(ann.request("api/v1/messages/" + id + "/parts/1"));
        assertEquals("text/plain;charset=utf-8",
                text.headers().firstValue("Content-Type").orElseThrow().replace(" ", ""));
        assertEquals("Hello, see attached.", text.body().strip());
    }

    @Test
    void partDownloadCutHalfwayResumesWithRange() throws Exception {
        User ann = newUser();
        String id = deliverAttachment(ann);
        byte[] file = bytes("mail/attachment.bin");
        String url = "api/v1/messages/" + id + "/parts/2";
        int half = file.length / 2;
        HttpResponse<byte[]> first = http.sendBytes(ann.request(url).header("Range", "bytes=0-" + (half - 1)));
        assertEquals(206, first.statusCode());
        assertEquals("bytes 0-" + (half - 1) + "/" + file.length,
                first.headers().firstValue("Content-Range").orElseThrow());
        assertEquals(Integer.toString(half), first.headers().firstValue("Content-Length").orElseThrow());
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> rest = http.sendBytes(ann.request(url).header("Range", "bytes=" + half + "-")
                .header("If-Range", etag));
        assertEquals(206, rest.statusCode());
        assertTrue(rest.headers().firstValue("Content-Disposition").orElseThrow().startsWith("attachment"));
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        joined.write(first.body());
        joined.write(rest.body());
        assertArrayEquals(file, joined.toByteArray());

        HttpResponse<byte[]> suffix = http.sendBytes(ann.request(url).header("Range", "bytes=-10"));
        assertEquals(206, suffix.statusCode());
        assertArrayEquals(Arrays.copyOfRange(file, file.length - 10, file.length), suffix.body());
        HttpResponse<byte[]> otherVersion = http.sendBytes(ann.request(url).header("Range", "bytes=5-")
                .header("If-Range", "\"something-else\""));
        assertEquals(200, otherVersion.statusCode());
        assertArrayEquals(file, otherVersion.body());

        HttpResponse<String> past = http.send(ann.request(url).header("Range", "bytes=" + file.length + "-"));
        assertProblem(past, 416, "range-not-satisfiable");
        assertEquals("bytes */" + file.length, past.headers().firstValue("Content-Range").orElseThrow());
        assertEquals("Range", assertProblem(http.send(ann.request(url).header("Range", "bytes=9-2")), 400,
                "invalid-input").path("field").asText());
    }

    @Test
    void badOrStaleIdsAreRefused() throws Exception {
        User ann = newUser();
        String id = deliverAttachment(ann);
        String[] p = id.split("\\.");
        assertEquals("id", assertProblem(http.send(ann.request("api/v1/messages/not-an-id")), 400, "invalid-input")
                .path("field").asText());
        assertProblem(http.send(ann.request("api/v1/messages/" + p[0] + ".0.1")), 400, "invalid-input");
        assertProblem(http.send(ann.request("api/v1/messages/" + p[0] + "." + p[1] + ".999")), 404, "not-found");
        long otherValidity = Long.parseLong(p[1]) == 1 ? 2 : Long.parseLong(p[1]) - 1;
        assertProblem(http.send(ann.request("api/v1/messages/" + p[0] + "." + otherValidity + "." + p[2] + "/raw")),
                410, "stale-state");
        assertProblem(http.send(ann.request("api/v1/messages/" + id + "/parts/9")), 404, "not-found");
        assertEquals("partId", assertProblem(http.send(ann.request("api/v1/messages/" + id + "/parts/1..2")),
                400, "invalid-input").path("field").asText());
    }

    @Test
    void anotherUserCannotReadTheMessage() throws Exception {
        User ann = newUser();
        User bob = newUser();
        String id = deliverAttachment(ann);
        for (String path : new String[] {"", "/raw", "/parts/2"}) {
            int status = http.send(bob.request("api/v1/messages/" + id + path)).statusCode();
            assertTrue(status == 404 || status == 410, path + " answered " + status);
        }
        assertEquals(0, http.json(bob.request("api/v1/messages?mailbox=INBOX"), 200).path("total").asInt());
    }

    private static String deliverAttachment(User user) throws Exception {
        user.deliver("attachment", 1);
        return http.json(user.request("api/v1/messages?mailbox=INBOX"), 200).path("items").get(0).path("id").asText();
    }

    private static byte[] direct(User user, ByteRange range) throws Exception {
        MailAccount account = user.direct();
        MessageSummary s = account.listMessages(MailboxName.INBOX, SearchCriteria.ALL, PageRequest.first(1))
                .items().get(0);
        try (Content c = account.openRaw(s.ref(), range)) {
            return c.stream().readAllBytes();
        }
    }
}

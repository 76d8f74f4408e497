package org.lemongate.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lemongate.rest.ProblemAssertions.assertProblem;

import java.io.ByteArrayInputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code POST /api/v1/messages?mailbox=} with a raw message: streamed in, stored byte for byte, bounded. */
class AppendApiTest extends GreenMailApi {

    @Test
    void appendedMessageIsStoredWithItsFlags() throws Exception {
        User ann = newUser();
        byte[] eml = resource("mail/attachment.eml").replace("{user}", ann.name()).getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> created = http.send(upload(ann, "mailbox=INBOX&flags=seen,flagged&keywords=$Filed"
                + "&receivedAt=2026-11-01T00:00:00Z", HttpRequest.BodyPublishers.ofByteArray(eml)));
        assertEquals(201, created.statusCode(), created::body);
        String id = Http.parse(created.body()).path("id").asText();
        assertTrue(created.headers().firstValue("Location").orElseThrow().endsWith("/api/v1/messages/" + id));

        JsonNode m = http.json(ann.request("api/v1/messages/" + id), 200);
        assertEquals("Résumé attached", m.path("subject").asText());
        assertEquals("[\"seen\",\"flagged\"]", m.path("flags").toString());
        assertEquals("[\"$Filed\"]", m.path("keywords").toString());
        // Midnight: GreenMail keeps only the day of an APPEND date-time.
        assertEquals("2026-11-01T00:00:00Z", m.path("receivedAt").asText());
        // GreenMail re-serialises what it stores, so the upload is compared part by part, not byte for byte.
        assertArrayEquals(bytes("mail/attachment.bin"),
                http.sendBytes(ann.request("api/v1/messages/" + id + "/parts/2")).body());
    }

    @Test
    void chunkedUploadIsStreamedIn() throws Exception {
        User ann = newUser();
        byte[] eml = resource("mail/note.eml").replace("{user}", ann.name()).replace("{n}", "9")
                .getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> created = http.send(upload(ann, "mailbox=INBOX",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(eml))));
        assertEquals(201, created.statusCode(), created::body);
        assertEquals("note 9", http.json(ann.request("api/v1/messages?mailbox=INBOX"), 200).path("items").get(0)
                .path("subject").asText());
    }

    @Test
    void uploadOverTheLimitIsRefusedAndNothingIsStored() throws Exception {
        User ann = newUser();
        byte[] head = "Subject: big\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> declared = http.send(upload(ann, "mailbox=INBOX",
                HttpRequest.BodyPublishers.ofByteArray(new byte[(int) MAX_UPLOAD + 1])));
        assertProblem(declared, 413, "too-large");
        HttpResponse<String> chunked = http.send(upload(ann, "mailbox=INBOX",
                HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(new ByteArrayInputStream(head),
                        new ByteArrayInputStream(new byte[(int) MAX_UPLOAD])))));
        assertProblem(chunked, 413, "too-large");
        assertEquals(0, http.json(ann.request("api/v1/messages?mailbox=INBOX"), 200).path("total").asInt());
    }

    @Test
    void badUploadsAreRefusedNamingTheProblem() throws Exception {
        User ann = newUser();
        byte[] note = resource("mail/note.eml").replace("{user}", ann.name()).getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("message", assertProblem(http.send(upload(ann, "mailbox=INBOX",
                HttpRequest.BodyPublishers.ofString("this is not a message"))), 400, "invalid-input")
                .path("field").asText());
        assertEquals("flags", assertProblem(http.send(upload(ann, "mailbox=INBOX&flags=recent",
                HttpRequest.BodyPublishers.ofByteArray(note))), 400, "invalid-input").path("field").asText());
        assertEquals("receivedAt", assertProblem(http.send(upload(ann, "mailbox=INBOX&receivedAt=today",
                HttpRequest.BodyPublishers.ofByteArray(note))), 400, "invalid-input").path("field").asText());
        assertEquals("mailbox", assertProblem(http.send(upload(ann, "flags=seen",
                HttpRequest.BodyPublishers.ofByteArray(note))), 400, "invalid-input").path("field").asText());
        assertProblem(http.send(upload(ann, "mailbox=Nowhere", HttpRequest.BodyPublishers.ofByteArray(note))),
                404, "not-found");
        assertProblem(http.send(ann.request("api/v1/messages?mailbox=INBOX").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofByteArray(note))), 415, "unsupported-media-type");
        assertEquals(0, http.json(ann.request("api/v1/messages?mailbox=INBOX"), 200).path("total").asInt());
    }

    private static HttpRequest.Builder upload(User user, String query, HttpRequest.BodyPublisher body) {
        return user.request("api/v1/messages?" + query).header("Content-Type", "message/rfc822").POST(body);
    }
}

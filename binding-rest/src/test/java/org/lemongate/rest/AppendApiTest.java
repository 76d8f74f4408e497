package org.lemongate.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.lemongate.rest.ProblemAssertions.assertProblem;

import java.io.ByteArrayInputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code POST /api/v1/messages?mailbox=} with a raw message: streamed in, stored byte for byte, bounded. */
class AppendApiTest extends LiveApi {

    @Test
    void appendedMessageIsStoredWithItsFlags() throws Exception {
        User ann = newUser();
        byte[] eml = resource("mail/attachment.eml").replace("{user}", ann.name()).getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> created = http.send(upload(ann, "mailbox=INBOX&flags=seen,flagged&keywords=$Filed"
                + "&receivedAt=2026-11-01T00:00:00Z", HttpRequest.BodyPublishers.ofByteArray(eml)));
        assertEquals(201, created.statusCode(), created::body);
        String id = Http.parse(created.body()).path("id").asText();
        assertEquals(server.uri("api/v1/messages/" + id).toString(), created.headers().firstValue("Location").orElseThrow());

        JsonNode m = http.json(ann.request("api/v1/messages/" + id), 200);
        assertEquals("Résumé attached", m.path("subject").asText());
        assertEquals("[\"seen\",\"flagged\"]", m.path("flags").toString());
        assertEquals("[\"$Filed\"]", m.path("keywords").toString());
        // Midnight: GreenMail keeps only the day of an APPEND date-time; Dovecot keeps it all.
        assertEquals("2026-11-01T00:00:00Z", m.path("receivedAt").asText());
        assertArrayEquals(bytes("mail/attachment.bin"),
                http.sendBytes(ann.request("api/v1/messages/" + id + "/parts/2")).body());
        if (backend.keepsExactBytes()) {
            assertArrayEquals(eml, http.sendBytes(ann.request("api/v1/messages/" + id + "/raw")).body());
        }
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

    @Test
    void retryWithTheSameIdempotencyKeyStoresNothingNew() throws Exception {
        assumeTrue(backend.searchesHeaderText(), "the server's SEARCH TEXT skips header fields");
        User ann = newUser();
        byte[] note = resource("mail/note.eml").replace("{user}", ann.name()).replace("{n}", "5")
                .getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> first = http.send(upload(ann, "mailbox=INBOX", HttpRequest.BodyPublishers.ofByteArray(note))
                .header("Idempotency-Key", "order-4711"));
        assertEquals(201, first.statusCode(), first::body);
        HttpResponse<String> retry = http.send(upload(ann, "mailbox=INBOX", HttpRequest.BodyPublishers.ofByteArray(note))
                .header("Idempotency-Key", "order-4711"));
        assertEquals(201, retry.statusCode(), retry::body);
        assertEquals(first.headers().firstValue("Location"), retry.headers().firstValue("Location"));
        assertEquals(Http.parse(first.body()).path("id"), Http.parse(retry.body()).path("id"));
        HttpResponse<String> other = http.send(upload(ann, "mailbox=INBOX", HttpRequest.BodyPublishers.ofByteArray(note))
                .header("Idempotency-Key", "order-4712"));
        assertEquals(201, other.statusCode(), other::body);
        assertEquals(2, http.json(ann.request("api/v1/messages?mailbox=INBOX"), 200).path("total").asInt());
        assertEquals("Idempotency-Key", assertProblem(http.send(upload(ann, "mailbox=INBOX",
                HttpRequest.BodyPublishers.ofByteArray(note)).header("Idempotency-Key", "has space")), 400,
                "invalid-input").path("field").asText());
    }

    @Test
    void retryAfterTheConnectionWasCutFindsTheFirstAttempt() throws Exception {
        assumeTrue(backend.searchesHeaderText(), "the server's SEARCH TEXT skips header fields");
        User ann = newUser();
        byte[] note = resource("mail/note.eml").replace("{user}", ann.name()).replace("{n}", "6")
                .getBytes(StandardCharsets.ISO_8859_1);
        // Cut before reading the answer: the client cannot know whether the message was stored.
        http.postAndHangUp("api/v1/messages?mailbox=INBOX", ann.name(), "message/rfc822", "cut-1", note);
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (http.json(ann.request("api/v1/messages?mailbox=INBOX"), 200).path("total").asInt() == 0
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        HttpResponse<String> retry = http.send(upload(ann, "mailbox=INBOX", HttpRequest.BodyPublishers.ofByteArray(note))
                .header("Idempotency-Key", "cut-1"));
        assertEquals(201, retry.statusCode(), retry::body);
        assertEquals(1, http.json(ann.request("api/v1/messages?mailbox=INBOX"), 200).path("total").asInt());
    }

    private static HttpRequest.Builder upload(User user, String query, HttpRequest.BodyPublisher body) {
        return user.request("api/v1/messages?" + query).header("Content-Type", "message/rfc822").POST(body);
    }
}

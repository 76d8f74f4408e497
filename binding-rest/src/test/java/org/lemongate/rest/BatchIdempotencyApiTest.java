package org.lemongate.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.lemongate.rest.BatchApiTest.deliverNotes;
import static org.lemongate.rest.MailboxesApiTest.json;
import static org.lemongate.rest.ProblemAssertions.assertProblem;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lemongate.mapping.imap.ImapGateway;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/batch} with an {@code Idempotency-Key}: a retried move, copy or delete does nothing again and
 * answers with the first attempt's results, also on another gateway instance and after a cut connection.
 */
class BatchIdempotencyApiTest extends LiveApi {

    @Test
    void retriedCopyCopiesOnceAndAnotherInstanceAnswersTheSame() throws Exception {
        User ann = newUser();
        List<String> ids = deliverNotes(ann, 3);
        http.send(json(ann.request("api/v1/mailboxes"), "{\"name\": \"Archive\"}"));
        String body = "{\"action\": \"copy\", \"mailbox\": \"Archive\", \"ids\": " + quoted(ids) + "}";
        HttpResponse<String> first = http.send(batch(ann, body, "copy-1"));
        assertEquals(200, first.statusCode(), first::body);
        JsonNode results = Http.parse(first.body()).path("results");
        results.forEach(r -> assertEquals(201, r.path("status").asInt(), r::toString));

        HttpResponse<String> retry = http.send(batch(ann, body, "copy-1"));
        assertEquals(200, retry.statusCode(), retry::body);
        assertEquals(results, Http.parse(retry.body()).path("results"));

        try (ImapGateway otherGateway = ImapGateway.start(settings());
             RestServer other = RestServer.start(otherGateway)) {
            HttpResponse<String> elsewhere = new Http(other).send(new Http(other).request("api/v1/batch", ann.name(),
                    PASSWORD).header("Content-Type", "application/json").header("Idempotency-Key", "copy-1")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            assertEquals(200, elsewhere.statusCode(), elsewhere::body);
            assertEquals(results, Http.parse(elsewhere.body()).path("results"));
        }
        assertEquals(3, total(ann, "Archive"));

        assertEquals(200, http.send(batch(ann, body, "copy-2")).statusCode());
        assertEquals(6, total(ann, "Archive"));
    }

    @Test
    void moveRetriedAfterACutConnectionReportsTheNewIds() throws Exception {
        User ann = newUser();
        List<String> ids = deliverNotes(ann, 2);
        http.send(json(ann.request("api/v1/mailboxes"), "{\"name\": \"Done\"}"));
        String body = "{\"action\": \"move\", \"mailbox\": \"Done\", \"ids\": " + quoted(ids) + "}";
        http.postAndHangUp("api/v1/batch", ann.name(), "application/json", "move-1",
                body.getBytes(StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (receipts(ann) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        HttpResponse<String> retry = http.send(batch(ann, body, "move-1"));
        assertEquals(200, retry.statusCode(), retry::body);
        JsonNode results = Http.parse(retry.body()).path("results");
        assertEquals(2, results.size());
        for (JsonNode r : results) {
            assertEquals(201, r.path("status").asInt(), r::toString);
            assertEquals("Done", http.json(ann.request("api/v1/messages/" + r.path("newId").asText()), 200)
                    .path("mailbox").asText());
        }
        assertEquals(0, total(ann, "INBOX"));
        assertEquals(2, total(ann, "Done"));
    }

    @Test
    void retriedPermanentDeleteReportsTheFirstOutcomeNotNotFound() throws Exception {
        User ann = newUser();
        List<String> ids = deliverNotes(ann, 2);
        String body = "{\"action\": \"delete\", \"permanent\": true, \"ids\": " + quoted(ids) + "}";
        JsonNode first = http.json(batch(ann, body, "del-1"), 200).path("results");
        JsonNode retry = http.json(batch(ann, body, "del-1"), 200).path("results");
        assertEquals(first, retry);
        retry.forEach(r -> assertEquals(204, r.path("status").asInt(), r::toString));
        assertEquals(0, total(ann, "INBOX"));
    }

    @Test
    void receiptsStayOutOfTheWayAndBadKeysAreRefused() throws Exception {
        User ann = newUser();
        List<String> ids = deliverNotes(ann, 1);
        http.json(batch(ann, "{\"action\": \"delete\", \"ids\": " + quoted(ids) + "}", "trash-1"), 200);
        JsonNode receipts = MailboxesApiTest.find(http.json(ann.request("api/v1/mailboxes"), 200),
                BatchReceipts.NAME);
        assertFalse(receipts.path("subscribed").asBoolean(), receipts::toString);
        assertEquals(1, receipts.path("messages").asInt());
        assertEquals("Idempotency-Key", assertProblem(http.send(batch(ann, "{\"action\": \"delete\", \"ids\": "
                + quoted(ids) + "}", "has space")), 400, "invalid-input").path("field").asText());
    }

    private static HttpRequest.Builder batch(User user, String body, String key) {
        return json(user.request("api/v1/batch"), body).header("Idempotency-Key", key);
    }

    private static int total(User user, String mailbox) throws Exception {
        return http.json(user.request("api/v1/messages?mailbox=" + mailbox), 200).path("total").asInt();
    }

    private static int receipts(User user) throws Exception {
        HttpResponse<String> r = http.send(user.request("api/v1/messages?mailbox=Lemongate%20Receipts"));
        return r.statusCode() == 200 ? Http.parse(r.body()).path("total").asInt() : 0;
    }

    private static String quoted(List<String> ids) {
        return "[\"" + String.join("\", \"", ids) + "\"]";
    }
}

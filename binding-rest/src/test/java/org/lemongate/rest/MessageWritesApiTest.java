package org.lemongate.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lemongate.rest.MailboxesApiTest.json;
import static org.lemongate.rest.MailboxesApiTest.patch;
import static org.lemongate.rest.ProblemAssertions.assertProblem;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Flag changes, move, copy and delete of single messages. */
class MessageWritesApiTest extends LiveApi {

    @Test
    void flagsAndKeywordsAreSetAndCleared() throws Exception {
        User ann = newUser();
        String id = deliverNote(ann);
        HttpResponse<String> set = http.send(patch(ann.request("api/v1/messages/" + id),
                "{\"flags\": {\"seen\": true, \"flagged\": true}, \"keywords\": {\"$Todo\": true}}"));
        assertEquals(200, set.statusCode(), set::body);
        JsonNode state = Http.parse(set.body());
        assertEquals("[\"seen\",\"flagged\"]", state.path("flags").toString());
        assertEquals("[\"$Todo\"]", state.path("keywords").toString());
        HttpResponse<String> read = http.send(ann.request("api/v1/messages/" + id));
        assertEquals(set.headers().firstValue("ETag"), read.headers().firstValue("ETag"));

        JsonNode cleared = http.json(patch(ann.request("api/v1/messages/" + id),
                "{\"flags\": {\"flagged\": false}, \"keywords\": {\"$Todo\": false}}"), 200);
        assertEquals("[\"seen\"]", cleared.path("flags").toString());
        assertEquals(0, cleared.path("keywords").size());
        assertEquals(0, http.json(ann.request("api/v1/messages?mailbox=INBOX&unseen=true"), 200).path("total").asInt());
    }

    @Test
    void staleIfMatchChangesNothing() throws Exception {
        User ann = newUser();
        String id = deliverNote(ann);
        String before = http.send(ann.request("api/v1/messages/" + id)).headers().firstValue("ETag").orElseThrow();
        http.json(patch(ann.request("api/v1/messages/" + id), "{\"flags\": {\"seen\": true}}"), 200);
        HttpResponse<String> stale = http.send(patch(ann.request("api/v1/messages/" + id)
                .header("If-Match", before), "{\"flags\": {\"flagged\": true}}"));
        assertProblem(stale, 412, "precondition-failed");
        JsonNode now = http.json(ann.request("api/v1/messages/" + id), 200);
        assertEquals("[\"seen\"]", now.path("flags").toString());
        String current = http.send(ann.request("api/v1/messages/" + id)).headers().firstValue("ETag").orElseThrow();
        assertNotEquals(before, current);
        assertEquals(200, http.send(patch(ann.request("api/v1/messages/" + id).header("If-Match", current),
                "{\"flags\": {\"flagged\": true}}")).statusCode());
    }

    @Test
    void staleIfMatchKeepsTheMessageFromDeleteAndMove() throws Exception {
        User ann = newUser();
        String id = deliverNote(ann);
        String before = http.send(ann.request("api/v1/messages/" + id)).headers().firstValue("ETag").orElseThrow();
        http.json(patch(ann.request("api/v1/messages/" + id), "{\"flags\": {\"seen\": true}}"), 200);
        assertProblem(http.send(ann.request("api/v1/messages/" + id + "?permanent=true").header("If-Match", before)
                .DELETE()), 412, "precondition-failed");
        http.send(json(ann.request("api/v1/mailboxes"), "{\"name\": \"Elsewhere\"}"));
        assertProblem(http.send(json(ann.request("api/v1/messages/" + id + "/move").header("If-Match", before),
                "{\"mailbox\": \"Elsewhere\"}")), 412, "precondition-failed");
        assertEquals(1, http.json(ann.request("api/v1/messages?mailbox=INBOX"), 200).path("total").asInt());
        String current = http.send(ann.request("api/v1/messages/" + id)).headers().firstValue("ETag").orElseThrow();
        assertEquals(204, http.send(ann.request("api/v1/messages/" + id + "?permanent=true")
                .header("If-Match", current).DELETE()).statusCode());
    }

    @Test
    void badFlagChangesAreRefused() throws Exception {
        User ann = newUser();
        String id = deliverNote(ann);
        assertEquals("flags.recent", assertProblem(http.send(patch(ann.request("api/v1/messages/" + id),
                "{\"flags\": {\"recent\": true}}")), 400, "invalid-input").path("field").asText());
        assertProblem(http.send(patch(ann.request("api/v1/messages/" + id), "{}")), 400, "invalid-input");
        assertEquals("keyword", assertProblem(http.send(patch(ann.request("api/v1/messages/" + id),
                "{\"keywords\": {\"bad word\": true}}")), 400, "invalid-input").path("field").asText());
        assertEquals("flags.seen", assertProblem(http.send(patch(ann.request("api/v1/messages/" + id),
                "{\"flags\": {\"seen\": \"yes\"}}")), 400, "invalid-json").path("field").asText());
        assertEquals(0, http.json(ann.request("api/v1/messages/" + id), 200).path("flags").size());
    }

    @Test
    void moveGivesTheNewIdAndTheOldOneIsGone() throws Exception {
        User ann = newUser();
        String id = deliverNote(ann);
        http.send(json(ann.request("api/v1/mailboxes"), "{\"name\": \"Archive\"}"));
        HttpResponse<String> moved = http.send(json(ann.request("api/v1/messages/" + id + "/move"),
                "{\"mailbox\": \"Archive\"}"));
        assertEquals(201, moved.statusCode(), moved::body);
        JsonNode placed = Http.parse(moved.body());
        String newId = placed.path("id").asText();
        assertEquals("Archive", placed.path("mailbox").asText());
        assertEquals(server.uri("api/v1/messages/" + newId).toString(), moved.headers().firstValue("Location").orElseThrow());
        assertEquals("note 1", http.json(ann.request("api/v1/messages/" + newId), 200).path("subject").asText());
        assertProblem(http.send(ann.request("api/v1/messages/" + id)), 404, "not-found");
        assertProblem(http.send(json(ann.request("api/v1/messages/" + newId + "/move"),
                "{\"mailbox\": \"Nowhere\"}")), 404, "not-found");
        assertProblem(http.send(json(ann.request("api/v1/messages/" + newId + "/move"), "{}")),
                400, "invalid-input");
    }

    @Test
    void copyKeepsTheOriginal() throws Exception {
        User ann = newUser();
        String id = deliverNote(ann);
        http.send(json(ann.request("api/v1/mailboxes"), "{\"name\": \"Copies\"}"));
        HttpResponse<String> copied = http.send(json(ann.request("api/v1/messages/" + id + "/copy"),
                "{\"mailbox\": \"Copies\"}"));
        assertEquals(201, copied.statusCode(), copied::body);
        String copyId = Http.parse(copied.body()).path("id").asText();
        assertEquals("note 1", http.json(ann.request("api/v1/messages/" + copyId), 200).path("subject").asText());
        assertEquals("note 1", http.json(ann.request("api/v1/messages/" + id), 200).path("subject").asText());
    }

    @Test
    void deleteMovesToTrashOrRemovesForGood() throws Exception {
        User ann = newUser();
        String first = deliverNote(ann);
        HttpResponse<String> trashed = http.send(ann.request("api/v1/messages/" + first).DELETE());
        assertEquals(200, trashed.statusCode(), trashed::body);
        JsonNode inTrash = Http.parse(trashed.body());
        assertEquals("note 1", http.json(ann.request("api/v1/messages/" + inTrash.path("id").asText()), 200)
                .path("subject").asText());
        assertProblem(http.send(ann.request("api/v1/messages/" + first)), 404, "not-found");

        ann.deliver("note", 2);
        String second = http.json(ann.request("api/v1/messages?mailbox=INBOX"), 200).path("items").get(0)
                .path("id").asText();
        assertEquals("permanent", assertProblem(http.send(ann.request("api/v1/messages/" + second
                + "?permanent=yes").DELETE()), 400, "invalid-input").path("field").asText());
        assertEquals(204, http.send(ann.request("api/v1/messages/" + second + "?permanent=true").DELETE())
                .statusCode());
        assertProblem(http.send(ann.request("api/v1/messages/" + second)), 404, "not-found");
        assertEquals(0, http.json(ann.request("api/v1/messages?mailbox=INBOX"), 200).path("total").asInt());
    }

    private static String deliverNote(User user) throws Exception {
        user.deliver("note", 1);
        return http.json(user.request("api/v1/messages?mailbox=INBOX"), 200).path("items").get(0).path("id").asText();
    }
}

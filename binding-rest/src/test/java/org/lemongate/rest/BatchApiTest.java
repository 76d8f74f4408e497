package org.lemongate.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lemongate.rest.MailboxesApiTest.json;
import static org.lemongate.rest.ProblemAssertions.assertProblem;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code POST /api/v1/batch}: one operation on many messages, a result per message. */
class BatchApiTest extends LiveApi {

    @Test
    void flagsForManyWithOneBadIdAmongThem() throws Exception {
        User ann = newUser();
        List<String> ids = deliverNotes(ann, 3);
        String body = "{\"action\": \"flags\", \"flags\": {\"seen\": true}, \"ids\": [\"" + ids.get(0)
                + "\", \"garbage\", \"" + ids.get(1) + "\", \"" + ids.get(2) + "\"]}";
        JsonNode results = http.json(json(ann.request("api/v1/batch"), body), 200).path("results");
        assertEquals(4, results.size());
        assertEquals(200, results.get(0).path("status").asInt());
        assertEquals("[\"seen\"]", results.get(0).path("flags").toString());
        assertEquals("garbage", results.get(1).path("id").asText());
        assertEquals(400, results.get(1).path("status").asInt());
        assertEquals("id", results.get(1).path("problem").path("field").asText());
        assertEquals(ids.get(2), results.get(3).path("id").asText());
        assertEquals(0, http.json(ann.request("api/v1/messages?mailbox=INBOX&unseen=true"), 200).path("total").asInt());
    }

    @Test
    void moveManyReportsNewIdsAndMissingOnes() throws Exception {
        User ann = newUser();
        List<String> ids = deliverNotes(ann, 2);
        http.send(json(ann.request("api/v1/mailboxes"), "{\"name\": \"Archive\"}"));
        String[] p = ids.get(0).split("\\.");
        String missing = p[0] + "." + p[1] + ".999";
        String body = "{\"action\": \"move\", \"mailbox\": \"Archive\", \"ids\": [\"" + ids.get(0) + "\", \""
                + missing + "\", \"" + ids.get(1) + "\"]}";
        JsonNode results = http.json(json(ann.request("api/v1/batch"), body), 200).path("results");
        assertEquals(201, results.get(0).path("status").asInt(), results::toString);
        assertEquals(404, results.get(1).path("status").asInt(), results::toString);
        assertEquals(201, results.get(2).path("status").asInt(), results::toString);
        String moved = results.get(0).path("newId").asText();
        assertEquals("Archive", http.json(ann.request("api/v1/messages/" + moved), 200).path("mailbox").asText());
        assertEquals(0, http.json(ann.request("api/v1/messages?mailbox=INBOX"), 200).path("total").asInt());
    }

    @Test
    void deleteManyForGood() throws Exception {
        User ann = newUser();
        List<String> ids = deliverNotes(ann, 3);
        String body = "{\"action\": \"delete\", \"permanent\": true, \"ids\": [\"" + String.join("\", \"", ids) + "\"]}";
        JsonNode results = http.json(json(ann.request("api/v1/batch"), body), 200).path("results");
        results.forEach(r -> assertEquals(204, r.path("status").asInt(), r::toString));
        assertEquals(0, http.json(ann.request("api/v1/messages?mailbox=INBOX"), 200).path("total").asInt());
    }

    @Test
    void badBatchesChangeNothing() throws Exception {
        User ann = newUser();
        List<String> ids = deliverNotes(ann, 1);
        String one = "\"" + ids.get(0) + "\"";
        assertEquals("action", assertProblem(http.send(json(ann.request("api/v1/batch"),
                "{\"action\": \"explode\", \"ids\": [" + one + "]}")), 400, "invalid-input").path("field").asText());
        assertEquals("mailbox", assertProblem(http.send(json(ann.request("api/v1/batch"),
                "{\"action\": \"move\", \"ids\": [" + one + "]}")), 400, "invalid-input").path("field").asText());
        assertEquals("ids", assertProblem(http.send(json(ann.request("api/v1/batch"),
                "{\"action\": \"delete\", \"ids\": []}")), 400, "invalid-input").path("field").asText());
        assertProblem(http.send(json(ann.request("api/v1/batch"), "{\"action\": \"delete\", \"ids\": ["
                + (one + ",").repeat(1000) + one + "]}")), 413, "too-large");
        JsonNode typo = assertProblem(http.send(json(ann.request("api/v1/batch"),
                "{\"action\": \"delete\", \"idz\": [" + one + "]}")), 400, "invalid-json");
        assertTrue(typo.path("detail").asText().contains("idz"), typo::toString);
        assertEquals(1, http.json(ann.request("api/v1/messages?mailbox=INBOX"), 200).path("total").asInt());
    }

    static List<String> deliverNotes(User user, int n) throws Exception {
        for (int i = 1; i <= n; i++) {
            user.deliver("note", i);
        }
        List<String> ids = new ArrayList<>();
        http.json(user.request("api/v1/messages?mailbox=INBOX&order=oldest"), 200).path("items")
                .forEach(m -> ids.add(m.path("id").asText()));
        return ids;
    }
}

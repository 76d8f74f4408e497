package org.lemongate.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lemongate.rest.ProblemAssertions.assertProblem;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code GET /api/v1/messages?mailbox=}: paged summaries with an opaque cursor, filters, and refusals. */
class MessageListApiTest extends LiveApi {

    @Test
    void pagesWalkEveryMessageOnceNewestFirst() throws Exception {
        User ann = newUser();
        for (int i = 1; i <= 7; i++) {
            ann.deliver("note", i);
        }
        HttpResponse<String> first = http.send(ann.request("api/v1/messages?mailbox=INBOX&limit=3"));
        assertEquals(200, first.statusCode(), first::body);
        JsonNode page = Http.parse(first.body());
        assertEquals(7, page.path("total").asInt());
        assertEquals("INBOX", page.path("mailbox").asText());
        assertEquals("/mail/api/v1/messages?mailbox=INBOX&limit=3", page.path("links").path("self").asText());
        String next = page.path("links").path("next").asText();
        assertTrue(next.startsWith("/mail/api/v1/messages?"), next);
        assertEquals("<" + next + ">; rel=\"next\"", first.headers().firstValue("Link").orElseThrow());

        List<String> subjects = new ArrayList<>();
        page.path("items").forEach(m -> subjects.add(m.path("subject").asText()));
        while (page.path("links").has("next")) {
            page = http.json(ann.request(page.path("links").path("next").asText().substring("/mail/".length())), 200);
            page.path("items").forEach(m -> subjects.add(m.path("subject").asText()));
        }
        assertEquals(List.of("note 7", "note 6", "note 5", "note 4", "note 3", "note 2", "note 1"), subjects);
        assertTrue(page.path("next").isMissingNode() || page.path("next").isNull(), page::toString);
    }

    @Test
    void summaryCarriesTheListFields() throws Exception {
        User ann = newUser();
        ann.deliver("attachment", 1);
        JsonNode m = http.json(ann.request("api/v1/messages?mailbox=INBOX"), 200).path("items").get(0);
        assertEquals("Résumé attached", m.path("subject").asText());
        assertEquals("Zoë", m.path("from").get(0).path("name").asText());
        assertEquals("zoe@example.org", m.path("from").get(0).path("email").asText());
        assertEquals(ann.name() + "@example.org", m.path("to").get(0).path("email").asText());
        assertEquals("carl@example.org", m.path("cc").get(0).path("email").asText());
        assertEquals("2026-12-01T08:30:00Z", m.path("sentAt").asText());
        assertTrue(m.path("hasAttachments").asBoolean());
        assertTrue(m.path("size").asLong() > 150_000, m::toString);
        assertEquals(0, m.path("flags").size());
        assertEquals("<cv@example.org>", m.path("messageId").asText());
        String id = m.path("id").asText();
        assertTrue(id.matches("SU5CT1g\\.\\d+\\.\\d+"), id);
        assertEquals("/mail/api/v1/messages/" + id, m.path("links").path("self").asText());
        assertEquals("/mail/api/v1/messages/" + id + "/raw", m.path("links").path("raw").asText());
    }

    @Test
    void filtersNarrowTheList() throws Exception {
        User ann = newUser();
        for (int i = 1; i <= 3; i++) {
            ann.deliver("note", i);
        }
        JsonNode bySubject = http.json(ann.request("api/v1/messages?mailbox=INBOX&subject=note%202"), 200);
        assertEquals(1, bySubject.path("total").asInt(), bySubject::toString);
        assertEquals("note 2", bySubject.path("items").get(0).path("subject").asText());
        assertEquals(3, http.json(ann.request("api/v1/messages?mailbox=INBOX&unseen=true"), 200)
                .path("total").asInt());
        assertEquals(0, http.json(ann.request("api/v1/messages?mailbox=INBOX&flagged=true"), 200)
                .path("total").asInt());
        JsonNode oldest = http.json(ann.request("api/v1/messages?mailbox=INBOX&order=oldest&limit=1"), 200);
        assertEquals("note 1", oldest.path("items").get(0).path("subject").asText());
    }

    @Test
    void oneUserNeverSeesAnothersMessages() throws Exception {
        User ann = newUser();
        User bob = newUser();
        ann.deliver("attachment", 1);
        bob.deliver("note", 1);
        JsonNode bobs = http.json(bob.request("api/v1/messages?mailbox=INBOX"), 200);
        assertEquals(1, bobs.path("total").asInt());
        assertEquals("note 1", bobs.path("items").get(0).path("subject").asText());
    }

    @Test
    void badQueriesAreRefusedNamingTheParameter() throws Exception {
        User ann = newUser();
        ann.deliver("note", 1);
        assertEquals("cursor", assertProblem(http.send(ann.request("api/v1/messages?mailbox=INBOX&cursor=bogus")),
                400, "invalid-input").path("field").asText());
        assertEquals("limt", assertProblem(http.send(ann.request("api/v1/messages?mailbox=INBOX&limt=5")),
                400, "invalid-input").path("field").asText());
        assertEquals("limit", assertProblem(http.send(ann.request("api/v1/messages?mailbox=INBOX&limit=0")),
                400, "invalid-input").path("field").asText());
        assertEquals("limit", assertProblem(http.send(ann.request("api/v1/messages?mailbox=INBOX&limit=99999")),
                400, "invalid-input").path("field").asText());
        assertEquals("since", assertProblem(http.send(ann.request("api/v1/messages?mailbox=INBOX&since=yesterday")),
                400, "invalid-input").path("field").asText());
        assertEquals("mailbox", assertProblem(http.send(ann.request("api/v1/messages")),
                400, "invalid-input").path("field").asText());
        assertEquals("subject", assertProblem(http.send(ann.request("api/v1/messages?mailbox=INBOX&subject=a%0D%0Ab")),
                400, "invalid-input").path("field").asText());
        assertEquals("mailbox", assertProblem(
                http.send(ann.request("api/v1/messages?mailbox=INBOX&mailbox=Trash")), 400, "invalid-input")
                .path("field").asText());
        assertProblem(http.send(ann.request("api/v1/messages?mailbox=Nowhere")), 404, "not-found");
    }

    @Test
    void aCursorOnlyWorksForItsOwnListing() throws Exception {
        User ann = newUser();
        for (int i = 1; i <= 3; i++) {
            ann.deliver("note", i);
        }
        String cursor = http.json(ann.request("api/v1/messages?mailbox=INBOX&limit=1"), 200).path("next").asText();
        assertFalse(cursor.isEmpty());
        JsonNode other = assertProblem(http.send(ann.request("api/v1/messages?mailbox=INBOX&limit=1&subject=note&cursor="
                + cursor)), 400, "invalid-input");
        assertEquals("cursor", other.path("field").asText());
    }
}

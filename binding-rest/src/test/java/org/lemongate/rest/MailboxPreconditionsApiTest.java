package org.lemongate.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.lemongate.rest.MailboxesApiTest.json;
import static org.lemongate.rest.MailboxesApiTest.patch;
import static org.lemongate.rest.ProblemAssertions.assertProblem;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

/** ETags on mailboxes: If-None-Match on reads, If-Match on rename, subscription and delete. */
class MailboxPreconditionsApiTest extends LiveApi {

    @Test
    void unchangedMailboxIsNotModified() throws Exception {
        User ann = newUser();
        HttpResponse<String> first = http.send(ann.request("api/v1/mailboxes/INBOX"));
        String tag = first.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, http.send(ann.request("api/v1/mailboxes/INBOX").header("If-None-Match", tag)).statusCode());
        ann.deliver("note", 1);
        HttpResponse<String> changed = http.send(ann.request("api/v1/mailboxes/INBOX").header("If-None-Match", tag));
        assertEquals(200, changed.statusCode());
        assertNotEquals(tag, changed.headers().firstValue("ETag").orElseThrow());
    }

    @Test
    void renameWithAStaleTagChangesNothing() throws Exception {
        User ann = newUser();
        http.send(json(ann.request("api/v1/mailboxes"), "{\"name\": \"Projects\"}"));
        String seen = tag(ann, "Projects");
        http.json(patch(ann.request("api/v1/mailboxes/Projects"), "{\"subscribed\": false}"), 200);

        HttpResponse<String> stale = http.send(patch(ann.request("api/v1/mailboxes/Projects")
                .header("If-Match", seen), "{\"name\": \"Old projects\"}"));
        assertProblem(stale, 412, "precondition-failed");
        assertEquals(tag(ann, "Projects"), stale.headers().firstValue("ETag").orElseThrow());
        assertEquals(404, http.send(ann.request("api/v1/mailboxes/Old%20projects")).statusCode());

        HttpResponse<String> renamed = http.send(patch(ann.request("api/v1/mailboxes/Projects")
                .header("If-Match", tag(ann, "Projects")), "{\"name\": \"Old projects\"}"));
        assertEquals(200, renamed.statusCode(), renamed::body);
        assertEquals(tag(ann, "Old%20projects"), renamed.headers().firstValue("ETag").orElseThrow());
    }

    @Test
    void deleteWithAStaleTagKeepsTheMailboxAndItsMail() throws Exception {
        User ann = newUser();
        http.send(json(ann.request("api/v1/mailboxes"), "{\"name\": \"Scratch\"}"));
        String seen = tag(ann, "Scratch");
        ann.deliver("note", 1);
        String note = http.json(ann.request("api/v1/messages?mailbox=INBOX"), 200).path("items").get(0)
                .path("id").asText();
        http.json(json(ann.request("api/v1/messages/" + note + "/copy"), "{\"mailbox\": \"Scratch\"}"), 201);

        assertProblem(http.send(ann.request("api/v1/mailboxes/Scratch").header("If-Match", seen).DELETE()), 412,
                "precondition-failed");
        assertEquals(1, http.json(ann.request("api/v1/mailboxes/Scratch"), 200).path("messages").asInt());
        assertProblem(http.send(ann.request("api/v1/mailboxes/Scratch").header("If-Match", "\"bogus\"").DELETE()),
                412, "precondition-failed");
        assertEquals(204, http.send(ann.request("api/v1/mailboxes/Scratch").header("If-Match", tag(ann, "Scratch"))
                .DELETE()).statusCode());
    }

    private static String tag(User user, String path) throws Exception {
        HttpResponse<String> response = http.send(user.request("api/v1/mailboxes/" + path));
        assertEquals(200, response.statusCode(), response::body);
        return response.headers().firstValue("ETag").orElseThrow();
    }
}

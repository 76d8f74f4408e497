package org.lemongate.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lemongate.rest.ProblemAssertions.assertProblem;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.lemongate.mapping.BasicAuthorization;

import com.fasterxml.jackson.databind.JsonNode;

/** The service document and the mailbox resources, over real HTTP against GreenMail. */
class MailboxesApiTest extends LiveApi {

    @Test
    void serviceDocumentListsCapabilitiesLimitsAndLinks() throws Exception {
        User ann = newUser();
        JsonNode doc = http.json(ann.request("api/v1"), 200);
        assertEquals(ann.name(), doc.path("user").asText());
        assertTrue(doc.path("capabilities").toString().contains("IMAP4REV1"), doc::toString);
        assertEquals(500, doc.path("limits").path("maxPageSize").asInt());
        assertEquals(MAX_UPLOAD, doc.path("limits").path("maxUploadBytes").asLong());
        assertEquals("/mail/api/v1/mailboxes", doc.path("links").path("mailboxes").asText());
    }

    @Test
    void wrongPasswordIsAChallengeAndNothingElse() throws Exception {
        User ann = newUser();
        HttpResponse<String> response = http.send(http.request("api/v1/mailboxes", ann.name(), "wrong"));
        assertProblem(response, 401, "auth-failed");
        assertEquals(BasicAuthorization.CHALLENGE, response.headers().firstValue("WWW-Authenticate").orElseThrow());
    }

    @Test
    void treeShowsTheInboxWithRoleAndCounts() throws Exception {
        User ann = newUser();
        ann.deliver("note", 1);
        ann.deliver("note", 2);
        JsonNode inbox = find(http.json(ann.request("api/v1/mailboxes"), 200), "INBOX");
        assertEquals("inbox", inbox.path("role").asText());
        assertEquals(2, inbox.path("messages").asInt());
        assertEquals(2, inbox.path("unseen").asInt());
        assertEquals("/mail/api/v1/mailboxes/INBOX", inbox.path("links").path("self").asText());
        assertEquals("/mail/api/v1/messages?mailbox=INBOX", inbox.path("links").path("messages").asText());
    }

    @Test
    void createdMailboxHasAUnicodePathAndLocation() throws Exception {
        User ann = newUser();
        HttpResponse<String> created = http.send(json(ann.request("api/v1/mailboxes"),
                "{\"name\": \"Archive/Été 2026\"}"));
        assertEquals(201, created.statusCode(), created::body);
        String location = created.headers().firstValue("Location").orElseThrow();
        assertEquals(server.uri("api/v1/mailboxes/Archive/%C3%89t%C3%A9%202026").toString(), location);

        JsonNode one = http.json(ann.request("api/v1/mailboxes/Archive/%C3%89t%C3%A9%202026"), 200);
        assertEquals("Archive/Été 2026", one.path("name").asText());
        assertEquals("Archive", one.path("parent").asText());
        assertEquals(0, one.path("messages").asInt());
        JsonNode tree = http.json(ann.request("api/v1/mailboxes"), 200);
        assertEquals("Archive/Été 2026", find(tree, "Archive/Été 2026").path("name").asText());
    }

    @Test
    void encodedSlashAddressesTheHierarchyToo() throws Exception {
        User ann = newUser();
        assertEquals(201, http.send(json(ann.request("api/v1/mailboxes"), "{\"name\": \"A/B\"}")).statusCode());
        assertEquals("A/B", http.json(ann.request("api/v1/mailboxes/A/B"), 200).path("name").asText());
        assertEquals("A/B", http.json(ann.request("api/v1/mailboxes/A%2FB"), 200).path("name").asText());
    }

    @Test
    void aMailboxCalledMessagesIsJustAMailbox() throws Exception {
        User ann = newUser();
        assertEquals(201, http.send(json(ann.request("api/v1/mailboxes"), "{\"name\": \"INBOX/messages\"}"))
                .statusCode());
        JsonNode box = http.json(ann.request("api/v1/mailboxes/INBOX/messages"), 200);
        assertEquals("INBOX/messages", box.path("name").asText());
        assertEquals("/mail/api/v1/messages?mailbox=INBOX%2Fmessages", box.path("links").path("messages").asText());
    }

    @Test
    void creatingAnExistingMailboxIsAConflict() throws Exception {
        User ann = newUser();
        http.send(json(ann.request("api/v1/mailboxes"), "{\"name\": \"Projects\"}"));
        assertProblem(http.send(json(ann.request("api/v1/mailboxes"), "{\"name\": \"Projects\"}")),
                409, "already-exists");
    }

    @Test
    void unknownMailboxIsNotFound() throws Exception {
        User ann = newUser();
        assertProblem(http.send(ann.request("api/v1/mailboxes/Nowhere")), 404, "not-found");
    }

    @Test
    void badMailboxNamesAreRefusedNamingTheField() throws Exception {
        User ann = newUser();
        JsonNode notUtf8 = assertProblem(http.send(ann.request("api/v1/mailboxes/%FF")), 400, "invalid-input");
        assertEquals("mailbox", notUtf8.path("field").asText());
        JsonNode crlf = assertProblem(http.send(json(ann.request("api/v1/mailboxes"),
                "{\"name\": \"Evil\\r\\nA001 DELETE INBOX\"}")), 400, "invalid-input");
        assertEquals("mailbox", crlf.path("field").asText());
        assertTrue(crlf.path("detail").asText().contains("CR"), crlf::toString);
        assertEquals(1, http.json(ann.request("api/v1/mailboxes"), 200).path("mailboxes").size());
    }

    @Test
    void malformedJsonIsABadRequestNamingTheProblem() throws Exception {
        User ann = newUser();
        JsonNode broken = assertProblem(http.send(json(ann.request("api/v1/mailboxes"), "{\"name\": ")),
                400, "invalid-json");
        assertTrue(broken.path("detail").asText().contains("not valid JSON"), broken::toString);
        JsonNode wrongType = assertProblem(http.send(json(ann.request("api/v1/mailboxes"), "{\"name\": [1]}")),
                400, "invalid-json");
        assertEquals("name", wrongType.path("field").asText());
        JsonNode unknown = assertProblem(http.send(json(ann.request("api/v1/mailboxes"), "{\"nam\": \"x\"}")),
                400, "invalid-json");
        assertEquals("nam", unknown.path("field").asText());
        JsonNode deep = assertProblem(http.send(json(ann.request("api/v1/mailboxes"),
                "[".repeat(10_000) + "]".repeat(10_000))), 400, "invalid-json");
        assertTrue(deep.path("detail").asText().contains("JSON object"), deep::toString);
        JsonNode empty = assertProblem(http.send(json(ann.request("api/v1/mailboxes"), "")), 400, "invalid-input");
        assertTrue(empty.path("detail").asText().contains("empty"), empty::toString);
        assertEquals(1, http.json(ann.request("api/v1/mailboxes"), 200).path("mailboxes").size());
    }

    @Test
    void renameMovesTheMailboxAndItsChildren() throws Exception {
        User ann = newUser();
        http.send(json(ann.request("api/v1/mailboxes"), "{\"name\": \"Work/Reports\"}"));
        // GreenMail drops the connection on RENAME into a parent that does not exist yet; Dovecot creates it.
        http.send(json(ann.request("api/v1/mailboxes"), "{\"name\": \"Archive\"}"));
        HttpResponse<String> renamed = http.send(patch(ann.request("api/v1/mailboxes/Work"),
                "{\"name\": \"Archive/Work 2025\"}"));
        assertEquals(200, renamed.statusCode(), renamed::body);
        assertEquals("Archive/Work 2025", Http.parse(renamed.body()).path("name").asText());
        assertEquals(server.uri("api/v1/mailboxes/Archive/Work%202025").toString(),
                renamed.headers().firstValue("Content-Location").orElseThrow());
        JsonNode tree = http.json(ann.request("api/v1/mailboxes"), 200);
        assertEquals("Archive/Work 2025/Reports", find(tree, "Archive/Work 2025/Reports").path("name").asText());
        assertProblem(http.send(ann.request("api/v1/mailboxes/Work")), 404, "not-found");
    }

    @Test
    void subscriptionIsChangedByPatch() throws Exception {
        User ann = newUser();
        http.send(json(ann.request("api/v1/mailboxes"), "{\"name\": \"Lists\"}"));
        JsonNode off = Http.parse(http.send(patch(ann.request("api/v1/mailboxes/Lists"),
                "{\"subscribed\": false}")).body());
        assertEquals(false, off.path("subscribed").asBoolean(), off::toString);
        assertEquals(false, find(http.json(ann.request("api/v1/mailboxes"), 200), "Lists").path("subscribed")
                .asBoolean());
        JsonNode on = Http.parse(http.send(patch(ann.request("api/v1/mailboxes/Lists"),
                "{\"subscribed\": true}")).body());
        assertEquals(true, on.path("subscribed").asBoolean(), on::toString);
        assertEquals("subscribed", assertProblem(http.send(patch(ann.request("api/v1/mailboxes/Lists"),
                "{\"subscribed\": \"maybe\"}")), 400, "invalid-json").path("field").asText());
    }

    @Test
    void badRenamesChangeNothing() throws Exception {
        User ann = newUser();
        http.send(json(ann.request("api/v1/mailboxes"), "{\"name\": \"Keep\"}"));
        http.send(json(ann.request("api/v1/mailboxes"), "{\"name\": \"Other\"}"));
        assertProblem(http.send(patch(ann.request("api/v1/mailboxes/Keep"), "{\"name\": \"Other\"}")),
                409, "already-exists");
        assertProblem(http.send(patch(ann.request("api/v1/mailboxes/Keep"), "{\"name\": \"Keep/Inner\"}")),
                400, "invalid-input");
        assertProblem(http.send(patch(ann.request("api/v1/mailboxes/INBOX"), "{\"name\": \"Old\"}")),
                403, "forbidden");
        assertProblem(http.send(patch(ann.request("api/v1/mailboxes/Keep"), "{}")), 400, "invalid-input");
        assertProblem(http.send(patch(ann.request("api/v1/mailboxes/Keep"), "{\"name\": \"A\\nB\"}")),
                400, "invalid-input");
        assertEquals(3, http.json(ann.request("api/v1/mailboxes"), 200).path("mailboxes").size());
    }

    @Test
    void deleteRemovesTheMailboxButNeverTheInbox() throws Exception {
        User ann = newUser();
        http.send(json(ann.request("api/v1/mailboxes"), "{\"name\": \"Old/Stuff\"}"));
        assertEquals(204, http.send(ann.request("api/v1/mailboxes/Old").DELETE()).statusCode());
        assertProblem(http.send(ann.request("api/v1/mailboxes/Old/Stuff")), 404, "not-found");
        assertProblem(http.send(ann.request("api/v1/mailboxes/Old").DELETE()), 404, "not-found");
        assertProblem(http.send(ann.request("api/v1/mailboxes/INBOX").DELETE()), 403, "forbidden");
        assertEquals(1, http.json(ann.request("api/v1/mailboxes"), 200).path("mailboxes").size());
    }

    @Test
    void jsonIsGzippedForClientsThatAcceptIt() throws Exception {
        User ann = newUser();
        HttpResponse<byte[]> zipped = http.sendBytes(ann.request("api/v1/mailboxes")
                .header("Accept-Encoding", "gzip"));
        assertEquals(200, zipped.statusCode());
        assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElseThrow());
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
            assertEquals("INBOX", find(Http.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)), "INBOX")
                    .path("name").asText());
        }
        HttpResponse<String> plain = http.send(ann.request("api/v1/mailboxes"));
        assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty());
        assertTrue(plain.headers().allValues("Vary").toString().contains("Accept-Encoding"), plain.headers()::toString);
        // One Date header, in IMF-fixdate form (two-digit day).
        assertEquals(1, plain.headers().allValues("Date").size(), plain.headers()::toString);
        assertTrue(plain.headers().firstValue("Date").orElseThrow()
                .matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT"),
                plain.headers()::toString);
        java.time.Instant date = java.time.ZonedDateTime.parse(plain.headers().firstValue("Date").orElseThrow(),
                java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        assertTrue(Math.abs(java.time.Duration.between(date, java.time.Instant.now()).toSeconds()) < 30, date::toString);
    }

    @Test
    void jsonBodyWithoutLengthIsCutOffAtTheLimit() throws Exception {
        User ann = newUser();
        byte[] body = ("{\"name\": \"Big\"" + " ".repeat(5 * 1024 * 1024) + "}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(ann.request("api/v1/mailboxes")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
        assertProblem(response, 413, "too-large");
        assertEquals(1, http.json(ann.request("api/v1/mailboxes"), 200).path("mailboxes").size());
    }

    static HttpRequest.Builder patch(HttpRequest.Builder request, String body) {
        return request.header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body));
    }

    static HttpRequest.Builder json(HttpRequest.Builder request, String body) {
        return request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }

    static JsonNode find(JsonNode tree, String name) {
        for (JsonNode m : tree.path("mailboxes")) {
            if (m.path("name").asText().equals(name)) {
                return m;
            }
        }
        throw new AssertionError("no mailbox " + name + " in " + tree);
    }
}

package org.lemongate.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lemongate.rest.ProblemAssertions.assertProblem;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code POST /api/v1/submissions}: send over SMTP (GreenMail), keep a copy in Sent. */
class SubmissionApiTest extends LiveApi {

    @Test
    void sentMessageArrivesAndACopyIsKept() throws Exception {
        User ann = newUser();
        User bob = newUser();
        HttpResponse<String> sent = http.send(submit(ann, "From: " + ann.name() + "@example.org\r\nTo: "
                + bob.name() + "@example.org\r\nSubject: lunch?\r\n\r\nAt noon.\r\n"));
        assertEquals(201, sent.statusCode(), sent::body);
        JsonNode result = Http.parse(sent.body());
        assertEquals("[\"" + bob.name() + "@example.org\"]", result.path("recipients").toString());
        assertTrue(result.path("messageId").asText().startsWith("<"), result::toString);
        String copy = result.path("sentCopy").asText();
        assertEquals(server.uri("api/v1/messages/" + copy).toString(), sent.headers().firstValue("Location").orElseThrow());
        assertEquals("lunch?", http.json(ann.request("api/v1/messages/" + copy), 200).path("subject").asText());
        MAIL.waitForIncomingEmail(5000, 1);
        assertEquals("lunch?", http.json(bob.request("api/v1/messages?mailbox=INBOX"), 200).path("items").get(0)
                .path("subject").asText());
    }

    @Test
    void smuggledSmtpCommandsAreRefusedAndNothingIsSent() throws Exception {
        User ann = newUser();
        User bob = newUser();
        HttpResponse<String> refused = http.send(submit(ann, "From: " + ann.name() + "@example.org\r\nTo: "
                + bob.name() + "@example.org\r\nRCPT TO:<" + ann.name() + "@example.org>\r\nSubject: x\r\n\r\nbody\r\n"));
        assertEquals("message", assertProblem(refused, 400, "invalid-input").path("field").asText());
        assertEquals(0, http.json(bob.request("api/v1/messages?mailbox=INBOX"), 200).path("total").asInt());
    }

    @Test
    void messageWithoutRecipientsIsRefused() throws Exception {
        User ann = newUser();
        assertProblem(http.send(submit(ann, "From: " + ann.name() + "@example.org\r\nSubject: to nobody\r\n\r\nx\r\n")),
                400, "invalid-input");
    }

    private static HttpRequest.Builder submit(User user, String message) {
        return user.request("api/v1/submissions").header("Content-Type", "message/rfc822")
                .POST(HttpRequest.BodyPublishers.ofString(message));
    }
}

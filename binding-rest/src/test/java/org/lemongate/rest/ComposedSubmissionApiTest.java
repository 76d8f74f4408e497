package org.lemongate.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lemongate.rest.ProblemAssertions.assertProblem;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

/**
 * {@code POST /api/v1/submissions} with a message the gateway composes: from JSON, and from a form with attachments.
 * Sent over real SMTP (GreenMail), the copy in Sent read back over the API (IMAP underneath).
 */
class ComposedSubmissionApiTest extends LiveApi {

    @Test
    void composedFromJsonIsDeliveredAndKeptInSent() throws Exception {
        User ann = newUser();
        User bob = newUser();
        User carol = newUser();
        User dave = newUser();
        String json = "{\"from\":{\"name\":\"Ann Élan\",\"email\":\"" + ann.name() + "@example.org\"},"
                + "\"to\":[{\"email\":\"" + bob.name() + "@example.org\"}],"
                + "\"cc\":[{\"name\":\"Carol\",\"email\":\"" + carol.name() + "@example.org\"}],"
                + "\"bcc\":[{\"email\":\"" + dave.name() + "@example.org\"}],"
                + "\"subject\":\"Grüße aus Köln\",\"text\":\"Hallo,\\nbis bald.\",\"html\":\"<p>Hallo</p>\","
                + "\"inReplyTo\":\"<earlier@example.org>\",\"references\":[\"<earlier@example.org>\"]}";
        HttpResponse<String> sent = http.send(submitJson(ann, json));
        assertEquals(201, sent.statusCode(), sent::body);
        JsonNode result = Http.parse(sent.body());
        assertEquals(3, result.path("recipients").size(), result::toString);
        String copy = result.path("sentCopy").asText();

        JsonNode kept = http.json(ann.request("api/v1/messages/" + copy), 200);
        assertEquals("Grüße aus Köln", kept.path("subject").asText());
        assertEquals("Ann Élan", kept.path("from").get(0).path("name").asText());
        assertEquals("multipart/alternative", kept.path("structure").path("contentType").asText());
        assertEquals("Hallo,\r\nbis bald.", part(ann, copy, "1"));
        assertEquals("<p>Hallo</p>", part(ann, copy, "2"));
        String raw = http.send(ann.request("api/v1/messages/" + copy + "/raw")).body();
        assertTrue(raw.contains("\r\nBcc: " + dave.name() + "@example.org\r\n"), raw);
        assertTrue(raw.contains("\r\nIn-Reply-To: <earlier@example.org>\r\n"), raw);

        MAIL.waitForIncomingEmail(5000, 3);
        for (User recipient : new User[] {bob, carol, dave}) {
            JsonNode inbox = http.json(recipient.request("api/v1/messages?mailbox=INBOX"), 200);
            assertEquals(1, inbox.path("total").asInt(), recipient::name);
            assertEquals(result.path("messageId").asText(), inbox.path("items").get(0).path("messageId").asText());
            String delivered = http.send(recipient.request("api/v1/messages/"
                    + inbox.path("items").get(0).path("id").asText() + "/raw")).body();
            assertFalse(delivered.contains("Bcc:"), delivered);
        }
    }

    @Test
    void formWithAttachmentsIsComposedAndEachFileComesBackByteForByte() throws Exception {
        User ann = newUser();
        User bob = newUser();
        byte[] binary = new byte[300 * 1024];
        new Random(7).nextBytes(binary);
        byte[] notes = "line one\nline two\n".getBytes(StandardCharsets.UTF_8);
        Form form = new Form()
                .message("{\"from\":{\"email\":\"" + ann.name() + "@example.org\"},\"to\":[{\"email\":\""
                        + bob.name() + "@example.org\"}],\"subject\":\"files\",\"text\":\"two files\"}")
                .part("attachment", "Résumé 2026.bin", "application/octet-stream", binary)
                .part("attachment", "notes.txt", "text/plain", notes);
        HttpResponse<String> sent = http.send(submitForm(ann, form));
        assertEquals(201, sent.statusCode(), sent::body);
        String copy = Http.parse(sent.body()).path("sentCopy").asText();

        JsonNode structure = http.json(ann.request("api/v1/messages/" + copy), 200).path("structure");
        assertEquals("multipart/mixed", structure.path("contentType").asText());
        JsonNode first = structure.path("children").get(1);
        assertEquals("Résumé 2026.bin", first.path("filename").asText());
        assertTrue(first.path("attachment").asBoolean());
        HttpResponse<byte[]> download = http.sendBytes(ann.request("api/v1/messages/" + copy + "/parts/2"));
        assertEquals(200, download.statusCode());
        assertEquals("application/octet-stream", download.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(download.headers().firstValue("Content-Disposition").orElseThrow().contains("2026.bin"));
        assertArrayEquals(binary, download.body());
        assertArrayEquals(notes, http.sendBytes(ann.request("api/v1/messages/" + copy + "/parts/3")).body());

        MAIL.waitForIncomingEmail(5000, 1);
        MimeMessage delivered = StreamSupport.stream(java.util.Arrays.spliterator(MAIL.getReceivedMessages()), false)
                .filter(m -> recipient(m).equals(bob.name() + "@example.org")).findFirst().orElseThrow();
        assertEquals("files", delivered.getSubject());
    }

    @Test
    void lineBreakInSubjectIsRefusedAndNothingIsSent() throws Exception {
        User ann = newUser();
        User bob = newUser();
        HttpResponse<String> refused = http.send(submitJson(ann, "{\"from\":{\"email\":\"" + ann.name()
                + "@example.org\"},\"to\":[{\"email\":\"" + bob.name() + "@example.org\"}],"
                + "\"subject\":\"hi\\r\\nBcc: victim@example.org\"}"));
        assertEquals("subject", assertProblem(refused, 400, "invalid-input").path("field").asText());
        assertNothingSent(ann, bob);
    }

    @Test
    void recipientSmugglingSmtpCommandsIsRefused() throws Exception {
        User ann = newUser();
        User bob = newUser();
        HttpResponse<String> refused = http.send(submitJson(ann, "{\"from\":{\"email\":\"" + ann.name()
                + "@example.org\"},\"to\":[{\"email\":\"" + bob.name()
                + "@example.org>\\r\\nRCPT TO:<evil@example.org\"}],\"text\":\"x\"}"));
        assertEquals("to[0].email", assertProblem(refused, 400, "invalid-input").path("field").asText());
        HttpResponse<String> spaced = http.send(submitJson(ann, "{\"from\":{\"email\":\"" + ann.name()
                + "@example.org\"},\"to\":[{\"email\":\"" + bob.name() + "@example.org evil@example.org\"}]}"));
        assertEquals("to[0].email", assertProblem(spaced, 400, "invalid-input").path("field").asText());
        assertNothingSent(ann, bob);
    }

    @Test
    void missingSenderOrRecipientsOrUnknownMemberIsRefused() throws Exception {
        User ann = newUser();
        assertEquals("from", assertProblem(http.send(submitJson(ann, "{\"to\":[{\"email\":\"x@example.org\"}]}")),
                400, "invalid-input").path("field").asText());
        assertEquals("to", assertProblem(http.send(submitJson(ann, "{\"from\":{\"email\":\"" + ann.name()
                + "@example.org\"}}")), 400, "invalid-input").path("field").asText());
        assertEquals("sender", assertProblem(http.send(submitJson(ann, "{\"sender\":1}")), 400, "invalid-json")
                .path("field").asText());
    }

    @Test
    void malformedFormsAreRefused() throws Exception {
        User ann = newUser();
        User bob = newUser();
        String message = "{\"from\":{\"email\":\"" + ann.name() + "@example.org\"},\"to\":[{\"email\":\""
                + bob.name() + "@example.org\"}]}";
        assertEquals("message", assertProblem(http.send(submitForm(ann, new Form()
                .part("attachment", "a.txt", "text/plain", new byte[] {'a'}))), 400, "invalid-input")
                .path("field").asText());
        assertEquals("photo", assertProblem(http.send(submitForm(ann, new Form().message(message)
                .part("photo", "a.jpg", "image/jpeg", new byte[] {1}))), 400, "invalid-input").path("field").asText());
        assertEquals("attachments.filename", assertProblem(http.send(submitForm(ann, new Form().message(message)
                .part("attachment", null, "text/plain", new byte[] {1}))), 400, "invalid-input").path("field").asText());
        assertProblem(http.send(submitForm(ann, new Form().message("{\"from\":"))), 400, "invalid-json");
        assertNothingSent(ann, bob);
    }

    @Test
    void formLargerThanTheLimitIsRefusedAnnouncedOrNot() throws Exception {
        User ann = newUser();
        User bob = newUser();
        Form form = new Form().message("{\"from\":{\"email\":\"" + ann.name() + "@example.org\"},\"to\":[{\"email\":\""
                + bob.name() + "@example.org\"}]}")
                .part("attachment", "big.bin", "application/octet-stream", new byte[(int) MAX_UPLOAD + 1]);
        assertProblem(http.send(submitForm(ann, form)), 413, "too-large");
        HttpResponse<String> chunked = http.send(ann.request("api/v1/submissions")
                .header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(form.bytes()))));
        assertProblem(chunked, 413, "too-large");
        assertNothingSent(ann, bob);
    }

    private void assertNothingSent(User from, User to) throws Exception {
        assertEquals(0, http.json(to.request("api/v1/messages?mailbox=INBOX"), 200).path("total").asInt());
        JsonNode tree = http.json(from.request("api/v1/mailboxes"), 200);
        for (JsonNode m : tree.path("mailboxes")) {
            if (m.path("role").asText().equals("sent")) {
                assertEquals(0, m.path("messages").asInt(), m::toString);
            }
        }
    }

    private String part(User user, String id, String partId) throws Exception {
        HttpResponse<String> response = http.send(user.request("api/v1/messages/" + id + "/parts/" + partId));
        assertEquals(200, response.statusCode(), response::body);
        return response.body();
    }

    private static String recipient(MimeMessage m) {
        try {
            return m.getRecipients(Message.RecipientType.TO)[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.Builder submitJson(User user, String json) {
        return user.request("api/v1/submissions").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private static HttpRequest.Builder submitForm(User user, Form form) {
        return user.request("api/v1/submissions").header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes()));
    }
}

package org.lemongate.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once submission: Dovecot holds the mailboxes (its SEARCH TEXT covers header fields), GreenMail takes the
 * SMTP submission and counts what arrives.
 */
class SubmissionIdempotencyDovecotTest extends LiveApi {

    private static final int USERS = 3;

    @BeforeAll
    static void startDovecot() throws Exception {
        for (int i = 1; i <= USERS; i++) {
            MAIL.setUser("user" + i + "@example.org", "user" + i, PASSWORD);
        }
        start(Backend.dovecot(PASSWORD, USERS,
                Optional.of(URI.create("smtp://127.0.0.1:" + MAIL.getSmtp().getPort()))));
    }

    @Test
    void retryWithTheSameKeySendsOnce() throws Exception {
        User ann = newUser();
        int before = MAIL.getReceivedMessages().length;
        String message = "From: " + ann.name() + "@example.org\r\nTo: carol@example.org\r\nSubject: once\r\n\r\nhi\r\n";
        HttpResponse<String> first = http.send(submit(ann, message, "invoice-17"));
        assertEquals(201, first.statusCode(), first::body);
        HttpResponse<String> retry = http.send(submit(ann, message, "invoice-17"));
        assertEquals(201, retry.statusCode(), retry::body);
        assertEquals(first.headers().firstValue("Location"), retry.headers().firstValue("Location"));
        assertEquals(Http.parse(first.body()).path("messageId"), Http.parse(retry.body()).path("messageId"));
        assertEquals("[\"carol@example.org\"]", Http.parse(retry.body()).path("recipients").toString());
        assertEquals(before + 1, MAIL.getReceivedMessages().length);
        assertEquals(1, http.json(ann.request("api/v1/messages?mailbox=Sent"), 200).path("total").asInt());

        assertEquals(201, http.send(submit(ann, message, "invoice-18")).statusCode());
        assertEquals(before + 2, MAIL.getReceivedMessages().length);
    }

    @Test
    void composedFormRetriedWithTheSameKeySendsOnce() throws Exception {
        User ann = newUser();
        int before = MAIL.getReceivedMessages().length;
        Form form = new Form().message("{\"from\":{\"email\":\"" + ann.name() + "@example.org\"},"
                + "\"to\":[{\"email\":\"dave@example.org\"}],\"subject\":\"composed once\"}")
                .part("attachment", "a.txt", "text/plain", "attached".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> first = http.send(submitForm(ann, form, "compose-1"));
        assertEquals(201, first.statusCode(), first::body);
        HttpResponse<String> retry = http.send(submitForm(ann, form, "compose-1"));
        assertEquals(201, retry.statusCode(), retry::body);
        assertEquals(first.headers().firstValue("Location"), retry.headers().firstValue("Location"));
        assertEquals(Http.parse(first.body()).path("messageId"), Http.parse(retry.body()).path("messageId"));
        assertEquals(before + 1, MAIL.getReceivedMessages().length);
        assertEquals(1, http.json(ann.request("api/v1/messages?mailbox=Sent"), 200).path("total").asInt());
    }

    private static HttpRequest.Builder submitForm(User user, Form form, String key) {
        return user.request("api/v1/submissions").header("Content-Type", form.contentType())
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes()));
    }

    private static HttpRequest.Builder submit(User user, String message, String key) {
        return user.request("api/v1/submissions").header("Content-Type", "message/rfc822")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(message));
    }
}

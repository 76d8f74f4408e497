package org.lemongate.compare;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Sending as a JMAP mail app does (RFC 8621 section 7): the identity to send as, asked for once with Identity/get;
 * then per message the raw message uploaded as a blob, and one request that imports it into Drafts as a draft and
 * submits it with EmailSubmission/set, whose {@code onSuccessUpdateEmail} moves it to Sent and clears {@code $draft}.
 * The envelope is the server's to derive from the message's From and To. A message counts as sent only when the
 * submission was created and the server reports the email updated.
 */
final class JmapSubmission {

    private final JmapApi api;
    private final String drafts;
    private final String sent;
    private String identity;

    /**
     * @param drafts the id of the mailbox with role {@code drafts}
     * @param sent   the id of the mailbox with role {@code sent}
     */
    JmapSubmission(JmapApi api, String drafts, String sent) {
        this.api = api;
        this.drafts = drafts;
        this.sent = sent;
    }

    void send(Latencies latencies, byte[] message) throws Exception {
        if (identity == null) {
            identity = firstIdentity(latencies);
        }
        String blobId = api.upload(latencies, message, "message/rfc822");
        Map<String, Object> moveToSent = new HashMap<>();
        moveToSent.put("mailboxIds/" + drafts, null);
        moveToSent.put("mailboxIds/" + sent, true);
        moveToSent.put("keywords/$draft", null);
        JsonNode r = api.calls(latencies, JmapApi.SUBMISSION, List.of(
                api.method("Email/import", Map.of("emails", Map.of("draft", Map.of("blobId", blobId,
                        "mailboxIds", Map.of(drafts, true), "keywords", Map.of("$draft", true, "$seen", true)))),
                        "i"),
                api.method("EmailSubmission/set", Map.of("create", Map.of("send", Map.of("identityId", identity,
                        "emailId", "#draft")), "onSuccessUpdateEmail", Map.of("#send", moveToSent)), "s")));
        String emailId = created(JmapApi.result(r, 0, "Email/import"), "draft", "Email/import");
        created(JmapApi.result(r, 1, "EmailSubmission/set"), "send", "EmailSubmission/set");
        JsonNode moved = JmapApi.result(r, 2, "Email/set");
        if (!moved.path("updated").has(emailId)) {
            throw new IOException("the message was submitted but not moved to Sent: " + moved.path("notUpdated"));
        }
    }

    /** The identity to send as: the first the account has (a mail app would let its user choose). */
    private String firstIdentity(Latencies latencies) throws Exception {
        JsonNode identities = api.calls(latencies, JmapApi.SUBMISSION,
                List.of(api.method("Identity/get", Map.of(), "i")));
        String id = JmapApi.result(identities, 0, "Identity/get").path("list").path(0).path("id").asText(null);
        if (id == null) {
            throw new IOException("Identity/get lists no identity to send as");
        }
        return id;
    }

    /** The id of what the call created under {@code creationId}, or its reason for not creating it. */
    private static String created(JsonNode result, String creationId, String method) throws IOException {
        String id = result.path("created").path(creationId).path("id").asText(null);
        if (id == null) {
            throw new IOException(method + " did not create it: " + result.path("notCreated").path(creationId));
        }
        return id;
    }
}

package org.lemongate.compare;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The REST binding ({@code /api/v1}) as a mobile app uses it: JSON pages of 500 summaries, the raw message to read
 * one, {@code Range} to resume a download, {@code POST /batch} for flags, moves and deletes.
 */
final class RestClient extends GatewayClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 500;

    RestClient(HttpTransport http) {
        super("REST", http);
    }

    @Override
    public List<MessageHandle> sync(Latencies latencies, String folder, boolean initial) throws Exception {
        if (initial) {
            http.send(latencies, http.request("api/v1/mailboxes").GET().build());
        }
        List<MessageHandle> all = new ArrayList<>();
        String next = "api/v1/messages?mailbox=" + query(folder) + "&limit=" + PAGE;
        while (next != null) {
            JsonNode page = JSON.readTree(http.send(latencies, http.request(next).GET().build()));
            for (JsonNode m : page.path("items")) {
                all.add(new MessageHandle(m.path("uid").asLong(), m.path("id").asText(),
                        m.path("subject").asText(), m.path("size").asLong()));
            }
            String cursor = page.path("next").asText(null);
            next = cursor == null ? null : "api/v1/messages?mailbox=" + query(folder) + "&limit=" + PAGE
                    + "&cursor=" + query(cursor);
        }
        return all;
    }

    @Override
    public long open(Latencies latencies, MessageHandle message) throws Exception {
        return http.send(latencies, http.request(messagePath(message) + "/raw").GET().build()).length;
    }

    @Override
    public Download download(Latencies latencies, MessageHandle message, long cutAt) throws Exception {
        return ResumedDownload.run(http, latencies, () -> http.request(messagePath(message) + "/parts/2"), cutAt,
                false);
    }

    @Override
    public void flag(Latencies latencies, List<MessageHandle> messages) throws Exception {
        batch(latencies, Map.of("action", "flags", "ids", ids(messages), "flags", Map.of("flagged", true)));
    }

    @Override
    public void move(Latencies latencies, List<MessageHandle> messages, String target) throws Exception {
        batch(latencies, Map.of("action", "move", "ids", ids(messages), "mailbox", target));
    }

    @Override
    public void delete(Latencies latencies, List<MessageHandle> messages) throws Exception {
        batch(latencies, Map.of("action", "delete", "ids", ids(messages), "permanent", true));
    }

    @Override
    public void send(Latencies latencies, byte[] message) throws Exception {
        http.send(latencies, http.request("api/v1/submissions").header("Content-Type", "message/rfc822")
                .POST(BodyPublishers.ofByteArray(message)).build());
    }

    @Override
    public PushWatch watch(String folder) throws NotAvailable {
        throw NotAvailable.inClient("the REST binding on this gateway has no change feed yet (issue 6)");
    }

    /** Every per-message result must have succeeded: a batch answers 200 even when some messages failed. */
    private void batch(Latencies latencies, Map<String, Object> body) throws Exception {
        HttpRequest request = http.request("api/v1/batch").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
        JsonNode results = JSON.readTree(http.send(latencies, request)).path("results");
        for (JsonNode r : results) {
            if (r.path("status").asInt() / 100 != 2) {
                throw new HttpTransport.HttpFailure("batch " + body.get("action") + " failed for " + r.path("id")
                        .asText() + ": " + r.path("problem").path("detail").asText());
            }
        }
    }

    private static List<String> ids(List<MessageHandle> messages) {
        return messages.stream().map(MessageHandle::ref).toList();
    }

    private static String messagePath(MessageHandle message) {
        return "api/v1/messages/" + query(message.ref());
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

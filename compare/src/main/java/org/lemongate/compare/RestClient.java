package org.lemongate.compare;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The REST binding ({@code /api/v1}) as a mobile app uses it: JSON pages of 500 summaries, the raw message to read
 * one, {@code Range} to resume a download, {@code POST /batch} for flags, moves and deletes, the change query with
 * the sync token of the initial sync for the incremental one, and a Server-Sent Events stream for push.
 */
final class RestClient extends GatewayClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 500;

    /** The shortest heartbeat the gateway allows: how soon it notices a stream the client closed. */
    private static final Duration HEARTBEAT = Duration.ofSeconds(5);

    private final Mirror mirror = new Mirror();
    private String syncToken;
    private boolean streamed;

    RestClient(HttpTransport http) {
        super("REST", http);
    }

    @Override
    public List<MessageHandle> sync(Latencies latencies, String folder, boolean initial) throws Exception {
        if (!initial) {
            return catchUp(latencies, folder);
        }
        http.send(latencies, http.request("api/v1/mailboxes").GET().build());
        // The token first: whatever changes while the pages are read is then in the next change query.
        syncToken = currentToken(latencies, folder);
        List<MessageHandle> all = new ArrayList<>();
        String next = "api/v1/messages?mailbox=" + query(folder) + "&limit=" + PAGE;
        while (next != null) {
            JsonNode page = JSON.readTree(http.send(latencies, http.request(next).GET().build()));
            for (JsonNode m : page.path("items")) {
                all.add(handle(m));
            }
            String cursor = page.path("next").asText(null);
            next = cursor == null ? null : "api/v1/messages?mailbox=" + query(folder) + "&limit=" + PAGE
                    + "&cursor=" + query(cursor);
        }
        mirror.replace(all);
        return all;
    }

    /** Applies the changes since the last token, page by page while the gateway says there are more. */
    private List<MessageHandle> catchUp(Latencies latencies, String folder) throws Exception {
        boolean more = true;
        while (more) {
            JsonNode page = JSON.readTree(http.send(latencies, http.request("api/v1/changes?mailbox=" + query(folder)
                    + "&since=" + query(syncToken) + "&limit=" + PAGE).GET().build()));
            page.path("added").forEach(m -> mirror.add(handle(m)));
            page.path("vanished").forEach(id -> mirror.vanish(id.asText()));
            more = page.path("more").asBoolean();
            syncToken = page.path("next").asText();
        }
        return mirror.listing();
    }

    private String currentToken(Latencies latencies, String folder) throws Exception {
        return JSON.readTree(http.send(latencies, http.request("api/v1/changes?mailbox=" + query(folder)).GET()
                .build())).path("next").asText();
    }

    private static MessageHandle handle(JsonNode m) {
        return new MessageHandle(m.path("uid").asLong(), m.path("id").asText(), m.path("subject").asText(),
                m.path("size").asLong());
    }

    @Override
    public String incrementalSync() {
        return "changes since the initial sync's token (GET /changes)";
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
    public PushWatch watch(String folder) throws Exception {
        streamed = true;
        return new EventStream(http, "api/v1/events?mailbox=" + query(folder) + "&heartbeat="
                + HEARTBEAT.toSeconds() + "&since=" + query(currentToken(new Latencies(), folder)),
                EventStream::restChanges);
    }

    /**
     * After an event stream, waits out one heartbeat before letting the next client start: the gateway notices a
     * closed stream only when it next writes, and until then the stream's subscription holds the user's IDLE
     * watcher on this client's folder, which would disturb the next client's push figures (same user, another
     * folder). Outside every step, so in no figure.
     */
    @Override
    public void close() {
        if (streamed) {
            try {
                Thread.sleep(HEARTBEAT.plusSeconds(1).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        super.close();
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

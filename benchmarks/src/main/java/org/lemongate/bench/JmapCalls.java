package org.lemongate.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cyrus's own JMAP (RFC 8620/8621) as a mobile client would call it for the newest summaries: one keep-alive HTTP/1.1
 * connection, Basic credentials, gzip accepted, and one request holding {@code Email/query} (newest first, in INBOX)
 * and {@code Email/get} of the ids that query returns, through a result reference. Sent by either of the clients
 * {@link BindingCalls} uses, so that REST and JMAP can be compared through the same client.
 */
final class JmapCalls implements AutoCloseable {

    /** The JMAP properties matching the REST binding's message summary (id is always returned). */
    static final String SUMMARY_PROPERTIES = "\"subject\",\"from\",\"to\",\"cc\",\"sentAt\",\"receivedAt\","
            + "\"size\",\"keywords\",\"hasAttachment\",\"messageId\",\"mailboxIds\"";

    private static final Pattern INBOX_ID = Pattern.compile("\"ids\":\\[\"([^\"]+)\"\\]");

    private final HttpClient http;
    private final BlockingHttp blocking;
    private final URI api;
    private final String account;
    private final String authorization;
    private final String inboxId;

    JmapCalls(URI api, String user, String password) throws IOException, InterruptedException {
        this(api, user, password, BindingCalls.Client.JDK);
    }

    JmapCalls(URI api, String user, String password, BindingCalls.Client client)
            throws IOException, InterruptedException {
        this.api = api;
        this.http = client == BindingCalls.Client.JDK
                ? HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build() : null;
        this.blocking = client == BindingCalls.Client.BLOCKING ? new BlockingHttp(api) : null;
        // Cyrus names each user's JMAP account after the user.
        this.account = user;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        String found = body(post("[[\"Mailbox/query\",{\"accountId\":\"" + account
                + "\",\"filter\":{\"role\":\"inbox\"}},\"m\"]]", false));
        Matcher m = INBOX_ID.matcher(found);
        if (!m.find()) {
            throw new IllegalStateException("no INBOX in the JMAP answer " + found);
        }
        this.inboxId = m.group(1);
    }

    /** Email/query + Email/get of the newest {@code limit} summaries; returns the bytes received. */
    long newestSummaries(int limit, boolean preview, boolean gzip) throws IOException, InterruptedException {
        return post(newestSummariesCalls(limit, preview), gzip).length;
    }

    /** How many emails the uncompressed answer holds, to check that the call does the work it claims. */
    int countSummaries(int limit, boolean preview) throws IOException, InterruptedException {
        String answer = body(post(newestSummariesCalls(limit, preview), false));
        if (answer.contains("\"error\"")) {
            throw new IllegalStateException("JMAP error: " + answer);
        }
        return answer.split("\"receivedAt\":", -1).length - 1;
    }

    private String newestSummariesCalls(int limit, boolean preview) {
        return "[[\"Email/query\",{\"accountId\":\"" + account + "\",\"filter\":{\"inMailbox\":\"" + inboxId
                + "\"},\"sort\":[{\"property\":\"receivedAt\",\"isAscending\":false}],\"limit\":" + limit
                + "},\"q\"],[\"Email/get\",{\"accountId\":\"" + account + "\",\"#ids\":{\"resultOf\":\"q\","
                + "\"name\":\"Email/query\",\"path\":\"/ids\"},\"properties\":[" + SUMMARY_PROPERTIES
                + (preview ? ",\"preview\"" : "") + "]},\"g\"]]";
    }

    /** Posts the method calls and returns the answer's body as received (gzipped when {@code gzip}). */
    private byte[] post(String methodCalls, boolean gzip) throws IOException, InterruptedException {
        String request = "{\"using\":[\"urn:ietf:params:jmap:core\",\"urn:ietf:params:jmap:mail\"],"
                + "\"methodCalls\":" + methodCalls + "}";
        if (blocking != null) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Authorization", authorization);
            headers.put("Content-Type", "application/json");
            if (gzip) {
                headers.put("Accept-Encoding", "gzip");
            }
            BlockingHttp.Reply r = blocking.send("POST", api, headers, request.getBytes(StandardCharsets.UTF_8));
            return checked(r.status(), r.body());
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(api)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request));
        if (gzip) {
            builder.header("Accept-Encoding", "gzip");
        }
        HttpResponse<byte[]> r = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        return checked(r.statusCode(), r.body());
    }

    private byte[] checked(int status, byte[] body) {
        if (status != 200) {
            throw new IllegalStateException(api + " answered " + status + ": " + body(body));
        }
        return body;
    }

    private static String body(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        if (blocking != null) {
            blocking.close();
        }
    }
}

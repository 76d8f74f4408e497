package org.lemongate.compare;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The API endpoint of one JMAP session (RFC 8620 section 3): method calls posted with the account filled in and
 * gzipped replies asked for, any method-level error turned into an exception, and blob uploads.
 */
final class JmapApi {

    static final ObjectMapper JSON = new ObjectMapper();
    /** What every request uses; submission is added where a request sends mail. */
    static final List<String> MAIL = List.of("urn:ietf:params:jmap:core", JmapSession.MAIL);
    static final List<String> SUBMISSION = List.of("urn:ietf:params:jmap:core", JmapSession.MAIL,
            JmapSession.SUBMISSION);
    private static final int GZIP_MAGIC = 0x1f;

    private final HttpTransport http;
    private final JmapSession session;

    JmapApi(HttpTransport http, JmapSession session) {
        this.http = http;
        this.session = session;
    }

    JmapSession session() {
        return session;
    }

    /** Posts the method calls and hands back the first response, which must be named {@code expected}. */
    JsonNode call(Latencies latencies, List<Object> methodCalls, String expected) throws Exception {
        return result(calls(latencies, MAIL, methodCalls), 0, expected);
    }

    /** Posts the method calls, with the mail account filled in, and hands back the method responses. */
    JsonNode calls(Latencies latencies, List<String> using, List<Object> methodCalls) throws Exception {
        JsonNode responses = JSON.readTree(post(latencies, using, methodCalls)).path("methodResponses");
        for (JsonNode r : responses) {
            if ("error".equals(r.path(0).asText())) {
                throw new IOException("JMAP error " + r.path(1).path("type").asText() + ": "
                        + r.path(1).path("description").asText(""));
            }
        }
        return responses;
    }

    /** Posts the method calls and hands back the reply's JSON, uncompressed. */
    byte[] post(Latencies latencies, List<String> using, List<Object> methodCalls) throws Exception {
        HttpRequest request = http.request(session.apiPath()).header("Content-Type", "application/json")
                .header("Accept-Encoding", "gzip")
                .POST(BodyPublishers.ofByteArray(JSON.writeValueAsBytes(Map.of("using", using, "methodCalls",
                        methodCalls)))).build();
        return gunzip(http.send(latencies, request));
    }

    /** Uploads a blob (RFC 8620 section 6.1) and hands back its id. */
    String upload(Latencies latencies, byte[] blob, String type) throws Exception {
        HttpRequest request = http.request(session.upload()).header("Content-Type", type)
                .POST(BodyPublishers.ofByteArray(blob)).build();
        JsonNode uploaded = JSON.readTree(gunzip(http.send(latencies, request)));
        String blobId = uploaded.path("blobId").asText(null);
        if (blobId == null) {
            throw new IOException("the upload answered no blobId: " + uploaded);
        }
        return blobId;
    }

    /** The method call {@code name} in the session's account. */
    List<Object> method(String name, Map<String, Object> arguments, String callId) {
        Map<String, Object> args = new LinkedHashMap<>(arguments);
        args.put("accountId", session.accountId());
        return List.of(name, args, callId);
    }

    /** The response at {@code index}, which must be named {@code expected}. */
    static JsonNode result(JsonNode responses, int index, String expected) throws IOException {
        JsonNode r = responses.path(index);
        if (!expected.equals(r.path(0).asText())) {
            throw new IOException("expected a " + expected + " response, got " + r);
        }
        return r.path(1);
    }

    /** A back-reference (RFC 8620 section 3.7) to a path in an earlier call's result. */
    static Map<String, String> reference(String callId, String name, String path) {
        return Map.of("resultOf", callId, "name", name, "path", path);
    }

    /** A JSON reply never starts with the gzip magic byte, so its first byte tells whether the server compressed. */
    private static byte[] gunzip(byte[] body) throws IOException {
        if (body.length < 2 || body[0] != GZIP_MAGIC) {
            return body;
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }
}

package org.lemongate.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The same two calls through REST and SOAP, as a mobile client makes them: one keep-alive HTTP/1.1 connection,
 * Basic credentials, gzip accepted. Each call checks its status and returns the bytes received on the wire. The
 * requests are the same whichever {@link Client} sends them.
 */
final class BindingCalls implements AutoCloseable {

    /** Which HTTP client sends the requests. */
    enum Client {
        /** {@code java.net.http.HttpClient}: asynchronous, each exchange crosses its selector thread. */
        JDK("java.net.http"),
        /** {@link BlockingHttp}: the calling thread writes and reads the socket itself. */
        BLOCKING("blocking socket client");

        private final String label;

        Client(String label) {
            this.label = label;
        }

        /** How the benchmark tables name it. */
        String label() {
            return label;
        }
    }

    private static final String NS = "urn:lemongate:mail:1";

    private final Client client;
    private final HttpClient http;
    private final BlockingHttp blocking;
    private final URI base;
    private final String authorization;
    private byte[] lastBody = new byte[0];
    private String lastEncoding = "";

    BindingCalls(URI base, String user, String password) {
        this(base, user, password, Client.JDK);
    }

    BindingCalls(URI base, String user, String password, Client client) {
        this.base = base;
        this.client = client;
        this.http = client == Client.JDK ? HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build() : null;
        this.blocking = client == Client.BLOCKING ? new BlockingHttp(base) : null;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The client sending the requests. */
    Client client() {
        return client;
    }

    long restList(int limit, boolean gzip) throws IOException, InterruptedException {
        return send("GET", restListUri(limit), Map.of("Accept", "application/json"), null, gzip);
    }

    /** The uncompressed REST list answer, to check what the measured calls return. */
    String restListBody(int limit) throws IOException, InterruptedException {
        restList(limit, false);
        return new String(lastDecodedBody(), StandardCharsets.UTF_8);
    }

    long restRaw(String mailbox, long uidValidity, long uid, boolean gzip) throws IOException, InterruptedException {
        return send("GET", restRawUri(mailbox, uidValidity, uid), Map.of("Accept", "message/rfc822"), null, gzip);
    }

    /** The REST URL of the first {@code limit} summaries of INBOX, newest first. */
    URI restListUri(int limit) {
        return base.resolve("api/v1/messages?mailbox=INBOX&limit=" + limit);
    }

    /** The REST URL of a message's raw bytes. */
    URI restRawUri(String mailbox, long uidValidity, long uid) {
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(mailbox.getBytes(StandardCharsets.UTF_8))
                + "." + uidValidity + "." + uid;
        return base.resolve("api/v1/messages/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/raw");
    }

    /** The Authorization header value the calls send. */
    String authorization() {
        return authorization;
    }

    long soapList(int pageSize, boolean gzip) throws IOException, InterruptedException {
        return soap("ListMessages", "<m:ListMessages xmlns:m=\"" + NS + "\"><m:folder>INBOX</m:folder><m:pageSize>"
                + pageSize + "</m:pageSize></m:ListMessages>", gzip);
    }

    long soapMime(String mailbox, long uidValidity, long uid, boolean gzip) throws IOException, InterruptedException {
        return soap("GetMessageMime", "<m:GetMessageMime xmlns:m=\"" + NS + "\"><m:id><m:folder>" + mailbox
                + "</m:folder><m:uidValidity>" + uidValidity + "</m:uidValidity><m:uid>" + uid
                + "</m:uid></m:id></m:GetMessageMime>", gzip);
    }

    private long soap(String operation, String body, boolean gzip) throws IOException, InterruptedException {
        String envelope = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soap:Envelope "
                + "xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>" + body
                + "</soap:Body></soap:Envelope>";
        return send("POST", base.resolve("soap/mail"), Map.of("Content-Type", "text/xml; charset=UTF-8",
                "SOAPAction", "\"" + NS + "#" + operation + "\""), envelope.getBytes(StandardCharsets.UTF_8), gzip);
    }

    /** The body of the last answer, gunzipped when it came compressed: what the client's application reads. */
    byte[] lastDecodedBody() throws IOException {
        if (!lastEncoding.equalsIgnoreCase("gzip")) {
            return lastBody.clone();
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(lastBody))) {
            return in.readAllBytes();
        }
    }

    private long send(String method, URI uri, Map<String, String> headers, byte[] body, boolean gzip)
            throws IOException, InterruptedException {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Authorization", authorization);
        if (gzip) {
            all.put("Accept-Encoding", "gzip");
        }
        int status;
        if (client == Client.BLOCKING) {
            BlockingHttp.Reply r = blocking.send(method, uri, all, body);
            status = r.status();
            lastBody = r.body();
            lastEncoding = r.contentEncoding();
        } else {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method, body == null
                    ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            all.forEach(request::header);
            HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            status = r.statusCode();
            lastBody = r.body();
            lastEncoding = r.headers().firstValue("Content-Encoding").orElse("");
        }
        if (status != 200) {
            throw new IllegalStateException(method + " " + uri + " answered " + status + ": "
                    + new String(lastBody, 0, Math.min(300, lastBody.length), StandardCharsets.UTF_8));
        }
        return lastBody.length;
    }

    @Override
    public void close() throws IOException {
        if (blocking != null) {
            blocking.close();
        }
    }
}

package org.lemongate.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The same two calls through REST and SOAP, as a mobile client makes them: one keep-alive HTTP/1.1 connection,
 * Basic credentials, gzip accepted. Each call checks its status and returns the bytes received on the wire.
 */
final class BindingCalls {

    private static final String NS = "urn:lemongate:mail:1";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI base;
    private final String authorization;

    BindingCalls(URI base, String user, String password) {
        this.base = base;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    long restList(int limit, boolean gzip) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(restListUri(limit)).header("Accept", "application/json"), gzip);
    }

    /** The uncompressed REST list answer, to check what the measured calls return. */
    String restListBody(int limit) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("api/v1/messages?mailbox=INBOX&limit="
                + limit)).header("Accept", "application/json").header("Authorization", authorization).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(r.uri() + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    long restRaw(String mailbox, long uidValidity, long uid, boolean gzip) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(restRawUri(mailbox, uidValidity, uid)).header("Accept", "message/rfc822"),
                gzip);
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
        return send(HttpRequest.newBuilder(base.resolve("soap/mail"))
                .header("Content-Type", "text/xml; charset=UTF-8")
                .header("SOAPAction", "\"" + NS + "#" + operation + "\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope)), gzip);
    }

    private long send(HttpRequest.Builder request, boolean gzip) throws IOException, InterruptedException {
        request.header("Authorization", authorization);
        if (gzip) {
            request.header("Accept-Encoding", "gzip");
        }
        HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(r.uri() + " answered " + r.statusCode() + ": "
                    + new String(r.body(), 0, Math.min(300, r.body().length), StandardCharsets.UTF_8));
        }
        return r.body().length;
    }
}

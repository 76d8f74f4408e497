package org.lemongate.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A real HTTP client for the tests, with the few conveniences they share. */
final class Http {

    private static final ObjectMapper JSON = new ObjectMapper();

    // HTTP/1.1 as the gateway speaks it: the default HTTP/2 would add an h2c upgrade offer to requests.
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final RestServer server;

    Http(RestServer server) {
        this.server = server;
    }

    /** The client itself, for asynchronous requests. */
    HttpClient client() {
        return client;
    }

    /** A request to {@code path} (relative to the web application), timing out rather than hanging a test. */
    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(30));
    }

    /** The same, with HTTP Basic credentials. */
    HttpRequest.Builder request(String path, String user, String password) {
        return request(path).header("Authorization", basic(user, password));
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<byte[]> sendBytes(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Sends and checks the status, then reads the body as JSON. */
    JsonNode json(HttpRequest.Builder request, int expectedStatus) throws IOException, InterruptedException {
        HttpResponse<String> response = send(request);
        assertEquals(expectedStatus, response.statusCode(), response::body);
        return JSON.readTree(response.body());
    }

    static JsonNode parse(String body) throws IOException {
        return JSON.readTree(body);
    }

    /**
     * Sends a POST with an Idempotency-Key and hangs up without reading the answer, as a client whose connection
     * broke does: it cannot know whether the request took effect.
     */
    void postAndHangUp(String path, String user, String contentType, String key, byte[] body) throws IOException {
        URI uri = server.uri(path);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + basic(user, LiveApi.PASSWORD)
                    + "\r\nContent-Type: " + contentType + "\r\nIdempotency-Key: " + key
                    + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            socket.shutdownOutput();
        }
    }
}

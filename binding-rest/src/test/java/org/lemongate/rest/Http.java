package org.lemongate.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
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

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
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
}

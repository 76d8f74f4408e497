package org.lemongate.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lemongate.rest.ProblemAssertions.assertProblem;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lemongate.mapping.BasicAuthorization;

import com.fasterxml.jackson.databind.JsonNode;

/** Errors the binding answers by itself, before any IMAP work: every one a problem document. */
class ProtocolErrorsTest {

    private static RestServer server;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        server = RestServer.start(new NoBackendGateway());
        http = new Http(server);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void missingCredentialsGetAChallenge() throws Exception {
        HttpResponse<String> response = http.send(http.request("api/v1/mailboxes"));
        assertProblem(response, 401, "auth-failed");
        assertEquals(BasicAuthorization.CHALLENGE, response.headers().firstValue("WWW-Authenticate").orElseThrow());
    }

    @Test
    void malformedCredentialsSayWhatIsWrong() throws Exception {
        HttpResponse<String> response = http.send(http.request("api/v1").header("Authorization", "Basic %%%"));
        JsonNode problem = assertProblem(response, 401, "auth-failed");
        assertTrue(problem.path("detail").asText().contains("base64"), problem::toString);
        assertEquals(BasicAuthorization.CHALLENGE, response.headers().firstValue("WWW-Authenticate").orElseThrow());
    }

    @Test
    void unsupportedSchemeIsNamed() throws Exception {
        HttpResponse<String> response = http.send(http.request("api/v1").header("Authorization", "Digest x=1"));
        JsonNode problem = assertProblem(response, 401, "auth-failed");
        assertTrue(problem.path("detail").asText().contains("digest"), problem::toString);
    }

    @Test
    void unknownRouteIsANotFoundProblem() throws Exception {
        HttpResponse<String> response = http.send(http.request("api/v1/nothing/here", "ann", "secret"));
        JsonNode problem = assertProblem(response, 404, "no-such-resource");
        assertTrue(problem.path("detail").asText().contains("/mail/api/v1/nothing/here"), problem::toString);
    }

    @Test
    void unknownVersionIsANotFoundProblem() throws Exception {
        assertProblem(http.send(http.request("api/v2/mailboxes", "ann", "secret")), 404, "no-such-resource");
    }

    @Test
    void cxfServiceListIsNotExposed() throws Exception {
        assertProblem(http.send(http.request("api/services")), 404, "no-such-resource");
    }

    @Test
    void wrongMethodIsAMethodNotAllowedProblemWithAllow() throws Exception {
        HttpResponse<String> response = http.send(http.request("api/v1", "ann", "secret").DELETE());
        JsonNode problem = assertProblem(response, 405, "method-not-allowed");
        assertTrue(problem.path("detail").asText().contains("DELETE"), problem::toString);
        assertTrue(response.headers().firstValue("Allow").orElse("").contains("GET"), response.headers()::toString);
    }

    @Test
    void unacceptableAcceptIsANotAcceptableProblem() throws Exception {
        HttpResponse<String> response = http.send(http.request("api/v1/mailboxes", "ann", "secret")
                .header("Accept", "text/html"));
        JsonNode problem = assertProblem(response, 406, "not-acceptable");
        assertTrue(problem.path("detail").asText().contains("text/html"), problem::toString);
        assertEquals("Accept", problem.path("field").asText());
    }

    @Test
    void hugeJsonBodyIsRefusedBeforeItIsRead() throws Exception {
        URI uri = server.uri("api/v1/mailboxes");
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
                    + Http.basic("ann", "secret") + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 104857600\r\n\r\n{\"name\": \"").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // Only the headers and 10 bytes were sent: a gateway that waited for the body would time out here.
            StringBuilder head = new StringBuilder();
            InputStream in = socket.getInputStream();
            while (head.indexOf("\r\n\r\n") < 0) {
                int b = in.read();
                assertTrue(b >= 0, head::toString);
                head.append((char) b);
            }
            assertTrue(head.toString().startsWith("HTTP/1.1 413"), head::toString);
            assertTrue(head.toString().toLowerCase(Locale.ROOT).contains("application/problem+json"), head::toString);
        }
    }

    @Test
    void wrongContentTypeIsAnUnsupportedMediaTypeProblem() throws Exception {
        HttpResponse<String> response = http.send(http.request("api/v1/mailboxes", "ann", "secret")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("Archive")));
        JsonNode problem = assertProblem(response, 415, "unsupported-media-type");
        assertTrue(problem.path("detail").asText().contains("application/json"), problem::toString);
    }
}

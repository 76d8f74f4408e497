package org.lemongate.rest;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;

/** Checks that a response is the RFC 9457 problem this API promises, and nothing an attacker could learn from. */
final class ProblemAssertions {

    private ProblemAssertions() {
    }

    /** Asserts status, media type and problem type; returns the problem for further checks. */
    static JsonNode assertProblem(HttpResponse<String> response, int status, String type) throws IOException {
        assertEquals(status, response.statusCode(), response::body);
        assertEquals("application/problem+json",
                response.headers().firstValue("Content-Type").orElse("").replaceAll(";.*", ""), response::body);
        JsonNode problem = Http.parse(response.body());
        assertAll(
                () -> assertEquals("urn:lemongate:problem:" + type, problem.path("type").asText(), response::body),
                () -> assertEquals(status, problem.path("status").asInt(), response::body),
                () -> assertFalse(problem.path("title").asText().isBlank(), response::body),
                () -> assertTrue(problem.path("detail").asText().length() > 10, response::body),
                () -> assertFalse(response.body().contains("Exception"), response::body),
                () -> assertFalse(response.body().contains("\tat "), response::body));
        return problem;
    }
}

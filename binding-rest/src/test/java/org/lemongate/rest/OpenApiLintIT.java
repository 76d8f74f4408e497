package org.lemongate.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lemongate.testsupport.Interop;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The OpenAPI document the running gateway serves passes Redocly's linter (npm {@code @redocly/cli}, recommended
 * rules) with no error and no warning. {@code .ci/run} installs the linter into a private prefix on the PATH.
 */
class OpenApiLintIT extends LiveApi {

    private static final String INSTALL = "nodejs npm; then npm install --no-save --prefix DIR @redocly/cli@2.77.0"
            + " and put DIR/node_modules/.bin on the PATH (see .ci/run)";

    @Test
    void servedDocumentPassesTheLinter(@TempDir Path dir) throws Exception {
        Path redocly = Interop.requireCommand("redocly", INSTALL);
        Path document = dir.resolve("openapi.json");
        Files.writeString(document, http.send(http.request("api/v1/openapi.json")).body(), StandardCharsets.UTF_8);
        // The report goes to stdout as JSON; stderr has progress and notices about the Node.js version.
        Process lint = new ProcessBuilder(redocly.toString(), "lint", "--format=json", document.toString())
                .redirectError(dir.resolve("stderr.txt").toFile()).start();
        String report = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(lint.waitFor(120, TimeUnit.SECONDS), "redocly did not finish in 120 s");
        assertEquals(0, lint.exitValue(), report);
        JsonNode totals = Http.parse(report).path("totals");
        assertEquals(0, totals.path("errors").asInt(-1), report);
        assertEquals(0, totals.path("warnings").asInt(-1), report);
    }
}

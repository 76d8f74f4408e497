package org.lemongate.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

/** The OpenAPI document: public, pointing at the running binding, and listing exactly the operations that exist. */
class OpenApiTest extends OfflineApi {

    @Test
    void documentIsPublicAndPointsAtThisServer() throws Exception {
        JsonNode doc = http.json(http.request("api/v1/openapi.json"), 200);
        assertEquals("3.0.3", doc.path("openapi").asText());
        assertEquals("/mail/api", doc.path("servers").get(0).path("url").asText());
    }

    @Test
    void documentDescribesEveryOperationAndNoOther() throws Exception {
        JsonNode doc = http.json(http.request("api/v1/openapi.json"), 200);
        Set<String> documented = new TreeSet<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (!method.equals("parameters")) {
                documented.add(method.toUpperCase(Locale.ROOT) + " " + normalised(path.getKey()));
            }
        }));
        Set<String> implemented = new TreeSet<>();
        implemented.add("GET /v1/events"); // the event stream is a servlet of its own, outside JAX-RS
        NoBackendGateway gateway = new NoBackendGateway();
        for (Object component : RestApplication.components(gateway, new Push(gateway, PushSettings.defaults()))) {
            Path root = component.getClass().getAnnotation(Path.class);
            if (root == null) {
                continue;
            }
            for (Method m : component.getClass().getMethods()) {
                for (var a : m.getAnnotations()) {
                    HttpMethod verb = a.annotationType().getAnnotation(HttpMethod.class);
                    if (verb != null) {
                        Path sub = m.getAnnotation(Path.class);
                        implemented.add(verb.value() + " " + normalised("/" + root.value()
                                + (sub == null ? "" : "/" + sub.value())));
                    }
                }
            }
        }
        assertEquals(implemented, documented);
    }

    /** Path templates with their parameter names and patterns left out: {@code /v1/messages/{}}. */
    private static String normalised(String path) {
        return path.replaceAll("\\{[^}]*}", "{}");
    }
}

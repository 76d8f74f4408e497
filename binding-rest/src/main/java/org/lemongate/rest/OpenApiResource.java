package org.lemongate.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/v1/openapi.json}: the OpenAPI 3 description of this API, readable without credentials. The server
 * URL is the binding's own path in the application that answers, so generated clients work under any context path.
 */
@Path("v1/openapi.json")
public final class OpenApiResource {

    private static final String DOCUMENT = "openapi.json";

    private final ObjectNode document;

    @Context
    private HttpServletRequest request;

    OpenApiResource() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is missing from the REST binding's jar");
            }
            document = (ObjectNode) new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DOCUMENT, e);
        }
    }

    /** The document. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode get() {
        ObjectNode copy = document.deepCopy();
        copy.set("servers", copy.arrayNode().add(copy.objectNode()
                .put("url", request.getContextPath() + RestBinding.PATH)));
        return copy;
    }

    /** Whether a request for this resource may skip authentication. */
    static boolean isPublic(Class<?> resource) {
        return resource == OpenApiResource.class;
    }
}

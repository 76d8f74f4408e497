package org.lemongate.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;

import jakarta.ws.rs.core.MediaType;

/** The JSON reader and writer of the API, with the input bounds DESIGN.md asks for. */
final class Json {

    /** Deepest nesting of arrays and objects a request body may have; the API's own bodies need four. */
    static final int MAX_DEPTH = 32;
    /** Largest JSON request body, in bytes: enough for a batch of 1000 message ids. */
    static final long MAX_BODY_BYTES = 4L * 1024 * 1024;

    private Json() {
    }

    static ObjectMapper mapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .maxDocumentLength(MAX_BODY_BYTES)
                        .maxStringLength(64 * 1024)
                        .build())
                .build();
        return JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .serializationInclusion(JsonInclude.Include.NON_ABSENT)
                .build();
    }

    /** Whether {@code type} is JSON: {@code application/json} or a {@code +json} type such as problem+json. */
    static boolean isJson(MediaType type) {
        return type != null && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"));
    }

    static JacksonJsonProvider provider() {
        return new JacksonJsonProvider(mapper());
    }
}

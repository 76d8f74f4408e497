package org.lemongate.rest;

import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** A request body that is not the JSON the operation takes: 400, naming the member or position at fault. */
final class JsonProblems implements ExceptionMapper<JsonProcessingException> {

    @Override
    public Response toResponse(JsonProcessingException e) {
        return problem(e).toResponse().build();
    }

    private static Problem problem(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            return invalid("the JSON body exceeds this API's bounds (nesting at most " + Json.MAX_DEPTH
                    + " levels, at most " + Json.MAX_BODY_BYTES + " bytes): " + e.getOriginalMessage());
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = path(m);
            String detail = e instanceof UnrecognizedPropertyException u
                    ? "unknown member '" + u.getPropertyName() + "'; known members: " + u.getKnownPropertyIds()
                    : "member '" + field + "' has the wrong type or value";
            return invalid(detail).about(field);
        }
        if (e instanceof MismatchedInputException && e.getOriginalMessage() != null
                && !e.getOriginalMessage().startsWith("No content to map")) {
            return invalid("the request body must be a JSON object with this operation's members");
        }
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 0 ? ""
                : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        String why = e.getOriginalMessage();
        if (why != null && why.startsWith("No content to map")) {
            return invalid("the request body is empty; send a JSON object");
        }
        return invalid("the request body is not valid JSON" + where);
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static Problem invalid(String detail) {
        return Problem.of("invalid-json", "Invalid JSON", 400, detail);
    }
}

package org.lemongate.rest;

import java.util.function.Supplier;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;

/**
 * {@code If-Match} on writes: when the client sends it, the write goes ahead only while the resource's current
 * strong ETag matches; otherwise 412 with the current tag, and nothing changes. Without the header the write is
 * unconditional (If-Match is optional in this API: no 428).
 */
final class Preconditions {

    private Preconditions() {
    }

    /**
     * @param current reads the resource's current tag; called only when the request has If-Match
     * @param what    names the resource in the problem's detail ("the message", "the mailbox")
     */
    static void requireMatch(HttpHeaders headers, Request request, Supplier<EntityTag> current, String what) {
        if (headers.getHeaderString(HttpHeaders.IF_MATCH) == null) {
            return;
        }
        EntityTag tag = current.get();
        if (request.evaluatePreconditions(tag) != null) {
            throw new WebApplicationException(Problem.of("precondition-failed", "Precondition failed", 412,
                    what + " changed since you read it (its ETag is now " + tag + "); read it again and retry")
                    .about(HttpHeaders.IF_MATCH).toResponse().tag(tag).build());
        }
    }
}

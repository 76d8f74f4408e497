package org.lemongate.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem document, the body of every error this API returns.
 *
 * @param type   a URI naming the kind of problem ({@code urn:lemongate:problem:<code>})
 * @param title  a short, fixed summary of that kind
 * @param status the HTTP status
 * @param detail what went wrong this time, in words the user can act on
 * @param field  for invalid input: the parameter, header or JSON member that was rejected
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Problem(String type, String title, int status, String detail, String field) {

    /** The media type of problem documents. */
    static final String MEDIA_TYPE = "application/problem+json";
    static final MediaType TYPE = MediaType.valueOf(MEDIA_TYPE);

    /** A problem of kind {@code code} (a short lower-case slug such as {@code not-found}). */
    static Problem of(String code, String title, int status, String detail) {
        return new Problem("urn:lemongate:problem:" + code, title, status, detail, null);
    }

    /** The same problem naming the offending input. */
    Problem about(String offendingField) {
        return new Problem(type, title, status, detail, offendingField);
    }

    /** The response carrying this problem, not to be cached. */
    Response.ResponseBuilder toResponse() {
        return Response.status(status).type(TYPE).header(HttpHeaders.CACHE_CONTROL, "no-store").entity(this);
    }
}

package org.lemongate.rest;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Turns the protocol errors JAX-RS raises while matching a request (no such route, wrong method, unacceptable
 * {@code Accept}, wrong {@code Content-Type}) into problem documents that say what the client should send instead.
 */
final class HttpProblems implements ExceptionMapper<WebApplicationException> {

    @Context
    private HttpServletRequest request;

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        if (original.hasEntity()) {
            return original;
        }
        Response.StatusType status = original.getStatusInfo();
        // CXF raises plain WebApplicationExceptions as well as the specific subclasses: go by the status.
        Problem problem = switch (status.getStatusCode()) {
            case 404 -> Problem.of("no-such-resource", "No such resource", 404,
                    "there is no resource at " + request.getRequestURI() + "; the API's entry point is "
                            + request.getContextPath() + RestBinding.PATH + "/v1");
            case 405 -> Problem.of("method-not-allowed", "Method not allowed", 405,
                    request.getMethod() + " is not allowed on " + request.getRequestURI() + "; allowed: "
                            + String.join(", ", original.getAllowedMethods()));
            case 406 -> Problem.of("not-acceptable", "Not acceptable", 406,
                    "this resource cannot be sent as '" + header(HttpHeaders.ACCEPT) + "'; resources are "
                            + "application/json, raw messages message/rfc822, and parts their own type")
                    .about(HttpHeaders.ACCEPT);
            case 415 -> Problem.of("unsupported-media-type", "Unsupported media type", 415,
                    "this operation does not take a body of type '" + header(HttpHeaders.CONTENT_TYPE)
                            + "'; messages are uploaded as message/rfc822, everything else is sent as "
                            + "application/json").about(HttpHeaders.CONTENT_TYPE);
            // CXF's multipart reader stops a form part at the upload limit (FormLimit) with a bare 413.
            case 413 -> Problem.of("too-large", "Too large", 413,
                    "the request body is larger than this gateway accepts for this operation");
            default -> Problem.of("http-" + status.getStatusCode(), status.getReasonPhrase(),
                    status.getStatusCode(), "the request could not be processed: " + status.getReasonPhrase());
        };
        Response.ResponseBuilder response = problem.toResponse();
        String allow = original.getHeaderString(HttpHeaders.ALLOW);
        if (allow != null) {
            response.header(HttpHeaders.ALLOW, allow);
        }
        return response.build();
    }

    private String header(String name) {
        String value = request.getHeader(name);
        return value == null ? "" : value;
    }
}

package org.lemongate.rest;

import org.lemongate.mapping.BasicAuthorization;
import org.lemongate.mapping.MailException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** The one place where the mapping layer's error taxonomy becomes HTTP statuses (DESIGN.md, Errors). */
final class MailProblems implements ExceptionMapper<MailException> {

    private static final Logger LOG = LoggerFactory.getLogger(MailProblems.class);

    @Override
    public Response toResponse(MailException e) {
        Problem problem = switch (e.code()) {
            case AUTH_FAILED -> Problem.of("auth-failed", "Authentication required", 401, e.getMessage());
            case FORBIDDEN -> Problem.of("forbidden", "Not permitted", 403, e.getMessage());
            case NOT_FOUND -> Problem.of("not-found", "Not found", 404, e.getMessage());
            case STALE_STATE -> Problem.of("stale-state", "Stale identifier", 410, e.getMessage());
            case ALREADY_EXISTS -> Problem.of("already-exists", "Already exists", 409, e.getMessage());
            case INVALID_INPUT -> invalid((MailException.InvalidInput) e);
            case TOO_LARGE -> Problem.of("too-large", "Too large", 413, e.getMessage());
            case OVER_QUOTA -> Problem.of("over-quota", "Over quota", 507, e.getMessage());
            case RATE_LIMITED -> Problem.of("rate-limited", "Too many requests", 429, e.getMessage());
            case BACKEND_UNAVAILABLE -> ((MailException.BackendUnavailable) e).timeout()
                    ? Problem.of("backend-timeout", "Mail server did not answer in time", 504, e.getMessage())
                    : Problem.of("backend-unavailable", "Mail server unavailable", 503, e.getMessage());
            case BACKEND_ERROR -> Problem.of("backend-error", "Mail server error", 502, e.getMessage());
        };
        if (!e.code().clientFault()) {
            // The message is written for users; the cause (never credentials) helps operators.
            LOG.warn("{}: {}", e.code(), e.getMessage(), e.getCause());
        }
        Response.ResponseBuilder response = problem.toResponse();
        // Whole seconds, rounded up: a client retrying early would only be refused again.
        e.retryAfter().ifPresent(d -> response.header(HttpHeaders.RETRY_AFTER, Math.max(1, (d.toMillis() + 999) / 1000)));
        if (problem.status() == 413) {
            // The refused body may still be arriving: answer now and close rather than read it to the end.
            UnreadBody.abandon();
            response.header("Connection", UnreadBody.CONNECTION_CLOSE);
        }
        if (problem.status() == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, BasicAuthorization.CHALLENGE);
        }
        return response.build();
    }

    private static Problem invalid(MailException.InvalidInput e) {
        // The mapping layer names "range" when a requested range starts past the end of the content.
        return e.field().equals("range")
                ? Problem.of("range-not-satisfiable", "Range not satisfiable", 416, e.getMessage()).about("Range")
                : Problem.of("invalid-input", "Invalid input", 400, e.getMessage()).about(e.field());
    }
}

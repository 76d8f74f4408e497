package org.lemongate.webdav;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.servlet.http.HttpServletResponse;

import org.apache.jackrabbit.webdav.DavException;
import org.apache.jackrabbit.webdav.DavMethods;
import org.apache.jackrabbit.webdav.WebdavResponse;
import org.lemongate.mapping.BasicAuthorization;
import org.lemongate.mapping.ErrorCode;
import org.lemongate.mapping.MailException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become WebDAV answers: {@link MailException} codes per the design's error table,
 * and Jackrabbit's {@link DavException}s. Bodies say in words what was wrong; nothing else (stack traces,
 * credentials, IMAP protocol text) reaches the client.
 */
final class DavErrors {

    private static final Logger LOG = LoggerFactory.getLogger(DavErrors.class);

    private DavErrors() {
    }

    /** The HTTP status of a mapping-layer failure during the given WebDAV method. */
    static int status(ErrorCode code, int method) {
        return switch (code) {
            case AUTH_FAILED -> HttpServletResponse.SC_UNAUTHORIZED;
            case FORBIDDEN -> HttpServletResponse.SC_FORBIDDEN;
            case NOT_FOUND -> HttpServletResponse.SC_NOT_FOUND;
            case STALE_STATE -> HttpServletResponse.SC_PRECONDITION_FAILED;
            case ALREADY_EXISTS -> method == DavMethods.DAV_MKCOL
                    ? HttpServletResponse.SC_METHOD_NOT_ALLOWED : HttpServletResponse.SC_PRECONDITION_FAILED;
            case INVALID_INPUT -> HttpServletResponse.SC_BAD_REQUEST;
            case TOO_LARGE -> HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE;
            case OVER_QUOTA -> 507;
            case RATE_LIMITED -> 429;
            case BACKEND_UNAVAILABLE -> HttpServletResponse.SC_SERVICE_UNAVAILABLE;
            case BACKEND_ERROR -> HttpServletResponse.SC_BAD_GATEWAY;
        };
    }

    /**
     * Answers a mapping-layer failure. When the response is already committed (a GET that failed mid-stream) no
     * status can be sent any more; the connection is then broken off so the client sees a short body, not a
     * complete-looking one.
     */
    static void send(HttpServletResponse response, MailException e, int method) throws IOException {
        if (e.code() == ErrorCode.BACKEND_UNAVAILABLE || e.code() == ErrorCode.BACKEND_ERROR) {
            LOG.warn("WebDAV request failed at the backend: {} ({})", e.getMessage(), e.code());
        }
        if (response.isCommitted()) {
            throw new IOException("response aborted after it started: " + e.getMessage());
        }
        response.reset();
        if (e.code() == ErrorCode.AUTH_FAILED) {
            response.setHeader("WWW-Authenticate", BasicAuthorization.CHALLENGE);
        }
        e.retryAfter().ifPresent(d -> response.setHeader("Retry-After", Long.toString(seconds(d))));
        text(response, status(e, method), e.getMessage());
    }

    /** As {@link #status(ErrorCode, int)}, with a range past the end of the content as 416 (docs/errors.md). */
    static int status(MailException e, int method) {
        if (e instanceof MailException.InvalidInput invalid && invalid.field().equals("range")) {
            return HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE;
        }
        return status(e.code(), method);
    }

    /** Answers a Jackrabbit failure: with its XML error condition when it has one, else with its message. */
    static void send(WebdavResponse response, DavException e) throws IOException {
        if (response.isCommitted()) {
            throw new IOException("response aborted after it started: " + e.getStatusPhrase());
        }
        response.reset();
        if (e.hasErrorCondition()) {
            response.sendError(e);
        } else {
            text(response, e.getErrorCode(), e.getMessage() == null ? e.getStatusPhrase() : e.getMessage());
        }
    }

    /**
     * Answers a failure no other handler knew: 500, logged with its type and message only (never a stack trace,
     * which could carry request data).
     */
    static void sendUnexpected(HttpServletResponse response, RuntimeException e, String method) throws IOException {
        LOG.error("WebDAV {} failed unexpectedly: {}", method, e.toString());
        if (response.isCommitted()) {
            throw new IOException("response aborted after it started: " + e);
        }
        response.reset();
        text(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
                "the gateway failed unexpectedly; its log says more");
    }

    /** A short plain-text answer. */
    static void text(HttpServletResponse response, int status, String message) throws IOException {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/plain; charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }
}

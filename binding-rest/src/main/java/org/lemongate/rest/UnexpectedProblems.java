package org.lemongate.rest;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * The last resort: a bug in the gateway becomes a plain 500 problem; the stack trace goes to the log only. A plain
 * {@link IOException} is not a bug: the mapping layer reports its own I/O failures as MailExceptions, so one reaching
 * here comes from the client's connection (a download cut off, an upload abandoned) and is logged in one line at
 * debug level, since every client that closes a connection early would otherwise write a stack trace at ERROR.
 */
final class UnexpectedProblems implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedProblems.class);

    @Override
    public Response toResponse(Throwable e) {
        if (e instanceof IOException) {
            LOG.debug("the client's connection failed: {}", e.toString());
            return Problem.of("connection-failed", "Connection failed", 400,
                    "the connection broke off while the request or its answer was on the way").toResponse().build();
        }
        LOG.error("unexpected failure in the REST binding", e);
        return Problem.of("internal-error", "Internal error", 500,
                "the gateway failed unexpectedly; the failure has been logged").toResponse().build();
    }
}

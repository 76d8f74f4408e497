package org.lemongate.rest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** The last resort: a bug in the gateway becomes a plain 500 problem; the stack trace goes to the log only. */
final class UnexpectedProblems implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedProblems.class);

    @Override
    public Response toResponse(Throwable e) {
        LOG.error("unexpected failure in the REST binding", e);
        return Problem.of("internal-error", "Internal error", 500,
                "the gateway failed unexpectedly; the failure has been logged").toResponse().build();
    }
}

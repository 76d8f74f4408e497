package org.lemongate.rest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.lemongate.mapping.MailException;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

/**
 * Bounds JSON request bodies: one that announces more than {@link Json#MAX_BODY_BYTES} is refused with 413 before a
 * byte of it is read, and one sent without a length is cut off at the limit. Message uploads have their own, larger
 * limit, enforced where they are spooled.
 */
@PreMatching
@Priority(Priorities.HEADER_DECORATOR)
final class BodyLimit implements ContainerRequestFilter, ReaderInterceptor {

    @Override
    public void filter(ContainerRequestContext request) {
        if (Json.isJson(request.getMediaType()) && request.getLength() > Json.MAX_BODY_BYTES) {
            throw tooLarge();
        }
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (Json.isJson(context.getMediaType())) {
            context.setInputStream(new Bounded(context.getInputStream()));
        }
        return context.proceed();
    }

    private static MailException.TooLarge tooLarge() {
        return new MailException.TooLarge("a JSON request body may have at most " + Json.MAX_BODY_BYTES + " bytes",
                Json.MAX_BODY_BYTES);
    }

    /** Fails the read that would pass the limit. */
    private static final class Bounded extends FilterInputStream {
        private long remaining = Json.MAX_BODY_BYTES;

        Bounded(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            remaining -= n;
            if (remaining < 0) {
                throw tooLarge();
            }
        }
    }
}

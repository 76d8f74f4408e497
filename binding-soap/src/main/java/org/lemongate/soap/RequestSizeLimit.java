package org.lemongate.soap;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.lemongate.mapping.ErrorCode;

/**
 * Bounds the size of SOAP request bodies before CXF reads them. A body announced as too large is refused at once
 * with HTTP 413 and a TOO_LARGE fault; a body that turns out too large while it streams in (chunked) is cut off,
 * and the fault CXF then raises carries TOO_LARGE ({@link Faults#describe}).
 */
final class RequestSizeLimit implements Filter {

    /** Inline ports: the largest inline base64 text (16 MiB) plus room for the envelope. */
    static final long INLINE_PORT_LIMIT = 20L * 1024 * 1024;
    /** The MTOM port: uploads stream as attachments, bounded again by the account's upload limit. */
    static final long MTOM_PORT_LIMIT = 64L * 1024 * 1024;

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        long limit = "/mail-mtom".equals(http.getPathInfo()) ? MTOM_PORT_LIMIT : INLINE_PORT_LIMIT;
        if (http.getContentLengthLong() > limit) {
            refuse(http, (HttpServletResponse) response, limit);
            return;
        }
        chain.doFilter(new HttpServletRequestWrapper(http) {
            @Override
            public ServletInputStream getInputStream() throws IOException {
                return new Bounded(super.getInputStream(), limit);
            }
        }, response);
    }

    static String message(long limit) {
        return "the request body is larger than the " + limit + " bytes this port accepts"
                + (limit == MTOM_PORT_LIMIT ? "" : "; send large content to the MTOM port, /soap/mail-mtom");
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, long limit)
            throws IOException {
        // The rest of the body is not wanted; closing spares both sides the upload.
        response.setHeader("Connection", "close");
        FaultReply.write(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, ErrorCode.TOO_LARGE,
                message(limit));
    }

    /** Thrown while reading a body past the limit. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(long limit) {
            super(message(limit));
        }
    }

    private static final class Bounded extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long read;

        Bounded(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws TooLarge {
            read += n;
            if (read > limit) {
                throw new TooLarge(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}

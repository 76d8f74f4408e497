package org.lemongate.bench;

import java.io.IOException;
import java.io.OutputStream;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serves one byte array the way the WebDAV binding writes a message (the same 64 KiB response buffer, 256 KiB
 * writes, a Content-Length), but from memory: the gateway's HTTP write path without IMAP, the binding's ceiling.
 */
final class MemoryServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** The binding's response buffer ({@code BodyCopy.BUFFER}) and one-FETCH window piece (ADR 44). */
    private static final int RESPONSE_BUFFER = 64 * 1024;
    private static final int PIECE = 256 * 1024;

    private final transient byte[] body;

    MemoryServlet(byte[] body) {
        this.body = body;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setBufferSize(RESPONSE_BUFFER);
        response.setContentType("message/rfc822");
        response.setContentLengthLong(body.length);
        OutputStream out = response.getOutputStream();
        for (int at = 0; at < body.length; at += PIECE) {
            out.write(body, at, Math.min(PIECE, body.length - at));
        }
    }
}

package org.lemongate.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An HTTP/1.1 GET the way a download tool (curl, wget, a file manager) does it: one blocking socket read on the
 * caller's thread into a reused buffer, the body counted and discarded. The JDK {@code HttpClient} hands every
 * piece from its selector thread to a worker and on to the caller, which on a 2-core machine costs a fifth of the
 * CPU of a 20 MB download; this client costs almost nothing, so what it measures is the server.
 *
 * <p>One connection per download ({@code Connection: close}), as curl run once per file makes. Only a body with a
 * Content-Length is accepted: both servers measured send one for a file or message.
 */
final class StreamingGet {

    private static final int MAX_HEADER = 16 * 1024;
    private static final int TIMEOUT_MS = 30_000;

    private final byte[] buffer;

    /** @param bufferBytes the reused read buffer; at least {@value #MAX_HEADER} bytes, so a header fits in it */
    StreamingGet(int bufferBytes) {
        if (bufferBytes < MAX_HEADER) {
            throw new IllegalArgumentException("buffer of " + bufferBytes + " bytes is smaller than a header");
        }
        this.buffer = new byte[bufferBytes];
    }

    /**
     * GETs the URL and reads the whole body; fails unless the status is 200 and both the Content-Length and the
     * bytes received equal {@code size}.
     *
     * @param authorization the Authorization header's value, or null for none
     */
    void get(URI url, String authorization, long size) throws IOException {
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(TIMEOUT_MS);
            socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), TIMEOUT_MS);
            socket.getOutputStream().write(request(url, authorization));
            InputStream in = socket.getInputStream();
            int filled = 0;
            int headerEnd;
            while ((headerEnd = headerEnd(filled)) < 0) {
                if (filled == MAX_HEADER) {
                    throw new IOException(url + ": response header longer than " + MAX_HEADER + " bytes");
                }
                int n = in.read(buffer, filled, MAX_HEADER - filled);
                if (n < 0) {
                    throw new IOException(url + ": connection closed inside the response header");
                }
                filled += n;
            }
            String header = new String(buffer, 0, headerEnd, StandardCharsets.ISO_8859_1);
            long declared = contentLength(url, header);
            long body = filled - headerEnd;
            int n;
            while (body < declared && (n = in.read(buffer)) > 0) {
                body += n;
            }
            if (declared != size || body != size) {
                throw new IOException(url + ": Content-Length " + declared + ", " + body + " bytes read, expected "
                        + size);
            }
        }
    }

    private static byte[] request(URI url, String authorization) {
        StringBuilder r = new StringBuilder("GET ").append(url.getRawPath()).append(" HTTP/1.1\r\nHost: ")
                .append(url.getHost()).append(':').append(url.getPort()).append("\r\nConnection: close\r\n");
        if (authorization != null) {
            r.append("Authorization: ").append(authorization).append("\r\n");
        }
        return r.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The offset just past the blank line ending the header in the buffer's first {@code filled} bytes, or -1. */
    private int headerEnd(int filled) {
        for (int i = 3; i < filled; i++) {
            if (buffer[i] == '\n' && buffer[i - 1] == '\r' && buffer[i - 2] == '\n' && buffer[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    private static long contentLength(URI url, String header) throws IOException {
        String[] lines = header.split("\r\n");
        if (!lines[0].startsWith("HTTP/1.1 200 ")) {
            throw new IOException(url + ": " + lines[0]);
        }
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                return Long.parseLong(line.substring(colon + 1).trim());
            }
        }
        throw new IOException(url + ": no Content-Length in the response header");
    }
}

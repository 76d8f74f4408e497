package org.lemongate.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * A plain blocking HTTP/1.1 client on one keep-alive socket, as curl, OkHttp or {@code HttpURLConnection} make
 * requests: the calling thread writes the request and reads the answer itself (status line, headers, then the
 * body by {@code Content-Length} or chunked encoding, kept whole or, for a {@link #download}, dropped as it
 * arrives), with no selector thread or executor in between as in {@code java.net.http}. It reconnects when the server closes the connection. Not thread-safe: one per caller.
 */
final class BlockingHttp implements AutoCloseable {

    /** Longest response head accepted; the gateway's are far shorter. */
    private static final int MAX_HEAD = 16 * 1024;
    private static final int TIMEOUT_MILLIS = 30_000;

    /** A complete answer: its status, its Content-Encoding (empty when none) and the body as received. */
    record Reply(int status, String contentEncoding, byte[] body) {
    }

    /** A download: its status, the Content-Length announced and the body bytes that arrived. */
    record Download(int status, long contentLength, long received) {
    }

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    BlockingHttp(URI base) {
        this.host = base.getHost();
        this.port = base.getPort();
    }

    /** Sends one request on the kept-alive connection and reads the whole answer. */
    Reply send(String method, URI uri, Map<String, String> headers, byte[] body) throws IOException {
        request(method, uri, headers, body);
        Head h = head();
        byte[] received = h.chunked() ? chunks() : h.length() >= 0 ? exactly(h.length()) : in.readAllBytes();
        if (h.close() || (!h.chunked() && h.length() < 0)) {
            close();
        }
        return new Reply(h.status(), h.encoding(), received);
    }

    /**
     * GETs {@code uri} as a download tool does: the body, which must come with a Content-Length, is read into
     * {@code buffer} again and again and dropped, never held whole.
     */
    Download download(URI uri, Map<String, String> headers, byte[] buffer) throws IOException {
        request("GET", uri, headers, null);
        Head h = head();
        if (h.chunked() || h.length() < 0) {
            throw new IOException(uri + ": no Content-Length in the response head");
        }
        long received = 0;
        int n;
        while (received < h.length()
                && (n = in.read(buffer, 0, (int) Math.min(buffer.length, h.length() - received))) > 0) {
            received += n;
        }
        if (h.close()) {
            close();
        }
        return new Download(h.status(), h.length(), received);
    }

    private void request(String method, URI uri, Map<String, String> headers, byte[] body) throws IOException {
        if (socket == null) {
            connect();
        }
        StringBuilder head = new StringBuilder(method).append(' ').append(uri.getRawPath());
        if (uri.getRawQuery() != null) {
            head.append('?').append(uri.getRawQuery());
        }
        head.append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            out.write(body);
        }
        out.flush();
    }

    /** What the head of an answer says about its body and the connection. */
    private record Head(int status, long length, boolean chunked, boolean close, String encoding) {
    }

    private Head head() throws IOException {
        String statusLine = line();
        if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
            throw new IOException("not an HTTP/1.1 status line: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        String encoding = "";
        int headBytes = statusLine.length();
        for (String line = line(); !line.isEmpty(); line = line()) {
            headBytes += line.length();
            if (headBytes > MAX_HEAD) {
                throw new IOException("response head longer than " + MAX_HEAD + " bytes");
            }
            int colon = line.indexOf(':');
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
                case "connection" -> close = value.equalsIgnoreCase("close");
                case "content-encoding" -> encoding = value;
                default -> {
                    // not needed here
                }
            }
        }
        return new Head(status, length, chunked, close, encoding);
    }

    private byte[] chunks() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line();
            int semicolon = size.indexOf(';');
            long n = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (n == 0) {
                while (!line().isEmpty()) {
                    // trailers: none expected, skipped
                }
                return body.toByteArray();
            }
            body.write(exactly(n));
            if (!line().isEmpty()) {
                throw new IOException("chunk not followed by CRLF");
            }
        }
    }

    private byte[] exactly(long n) throws IOException {
        byte[] b = in.readNBytes(Math.toIntExact(n));
        if (b.length != n) {
            throw new IOException("connection closed after " + b.length + " of " + n + " body bytes");
        }
        return b;
    }

    /** One line without its CRLF, in ISO-8859-1. */
    private String line() throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed in the middle of a response head");
            }
            if (b.length() > MAX_HEAD) {
                throw new IOException("response line longer than " + MAX_HEAD + " bytes");
            }
            b.append((char) c);
        }
        int end = b.length();
        return end > 0 && b.charAt(end - 1) == '\r' ? b.substring(0, end - 1) : b.toString();
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }
}

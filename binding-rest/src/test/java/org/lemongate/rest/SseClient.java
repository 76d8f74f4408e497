package org.lemongate.rest;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A deliberately plain Server-Sent Events client over a raw socket, so that tests see exactly what goes over the wire:
 * HTTP/1.1 with a chunked body, or HTTP/1.0 with a body that ends when the server closes.
 */
final class SseClient implements AutoCloseable {

    /** One event as the client assembles it. */
    record Event(String id, String type, String data) {
    }

    private final Socket socket;
    private final InputStream raw;
    private final int status;
    private final Map<String, String> headers;
    private final InputStream body;
    private final List<String> comments = new ArrayList<>();
    private String retry;

    private SseClient(Socket socket, InputStream raw, int status, Map<String, String> headers) {
        this.socket = socket;
        this.raw = raw;
        this.status = status;
        this.headers = headers;
        this.body = "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? new Chunked(raw) : raw;
    }

    /** Sends a GET for {@code target} (path and query) with {@code version} ("HTTP/1.0" or "HTTP/1.1"). */
    static SseClient open(String host, int port, String target, String version, Map<String, String> requestHeaders)
            throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 5000);
        socket.setSoTimeout(10_000);
        StringBuilder request = new StringBuilder("GET " + target + " " + version + "\r\nHost: " + host + ":" + port
                + "\r\nAccept: text/event-stream\r\n");
        requestHeaders.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
        OutputStream out = socket.getOutputStream();
        out.write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        InputStream in = new BufferedInputStream(socket.getInputStream());
        String statusLine = line(in);
        Map<String, String> headers = new HashMap<>();
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
        }
        return new SseClient(socket, in, Integer.parseInt(statusLine.split(" ")[1]), headers);
    }

    int status() {
        return status;
    }

    /** A response header, by lower-case name; null when absent. */
    String header(String name) {
        return headers.get(name);
    }

    /** The whole remaining body (for error answers). */
    String rest() throws IOException {
        String length = headers.get("content-length");
        byte[] bytes = length == null ? body.readAllBytes() : body.readNBytes(Integer.parseInt(length));
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Comment lines seen so far (without the leading colon). */
    List<String> comments() {
        return comments;
    }

    /** The {@code retry:} advice seen so far. */
    String retry() {
        return retry;
    }

    /**
     * The next event, or null when none comes within {@code timeout}.
     *
     * @throws EOFException when the server closed the stream
     */
    Event next(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String id = null;
        String type = "message";
        StringBuilder data = null;
        try {
            while (true) {
                long left = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return null;
                }
                socket.setSoTimeout((int) left);
                String l = line(body);
                if (l.isEmpty()) {
                    if (data != null) {
                        return new Event(id, type, data.toString());
                    }
                    continue;
                }
                if (l.startsWith(":")) {
                    comments.add(l.substring(1).trim());
                } else if (l.startsWith("id:")) {
                    id = l.substring(3).trim();
                } else if (l.startsWith("event:")) {
                    type = l.substring(6).trim();
                } else if (l.startsWith("retry:")) {
                    retry = l.substring(6).trim();
                } else if (l.startsWith("data:")) {
                    data = data == null ? new StringBuilder() : data.append('\n');
                    data.append(l.substring(5).trim());
                }
            }
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c == -1) {
                throw new EOFException("the server closed the stream");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Reads an HTTP/1.1 chunked body. */
    private static final class Chunked extends InputStream {
        private final InputStream in;
        private long left;

        Chunked(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            if (left == 0) {
                String size = line(in);
                if (size.isEmpty()) {
                    size = line(in); // the CRLF after the previous chunk
                }
                left = Long.parseLong(size.split(";")[0].trim(), 16);
                if (left == 0) {
                    return -1;
                }
            }
            int c = in.read();
            if (c == -1) {
                throw new EOFException("the server closed the stream inside a chunk");
            }
            left--;
            return c;
        }
    }
}

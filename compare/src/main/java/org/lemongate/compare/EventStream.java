package org.lemongate.compare;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Push by Server-Sent Events: one stream (the REST binding's {@code GET /api/v1/events}, or a JMAP server's event
 * source), as an app in the foreground keeps one; an {@link ArrivalCount} tells how many new messages each event
 * announces. The stream is plain HTTP/1.1 on a socket of its own to the client's relay (so its bytes count, and with {@code --proxy} it goes through
 * the proxy like every other request); closing the watch closes the socket, which ends the stream at once.
 */
final class EventStream implements PushWatch {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Well above the gateway's 15 s heartbeat: a stream silent for this long is broken. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    /** Bounds the reply's header block, which the gateway keeps to a few hundred bytes. */
    private static final int MAX_HEADERS = 100;

    private final Arrivals arrivals = new Arrivals();
    private final ArrivalCount count;
    private final Socket socket;
    private final Thread reader;

    /** Opens the stream and reads its headers, so that every change after this returns is on it. */
    EventStream(HttpTransport http, String rawPath, ArrivalCount count) throws IOException {
        this.count = count;
        socket = http.connectToRelay();
        try {
            socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
            URI uri = http.absolute(rawPath);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + uri + " HTTP/1.1\r\nHost: " + uri.getRawAuthority() + "\r\nAuthorization: "
                    + http.authorization() + "\r\nAccept: text/event-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream body = body(new BufferedInputStream(socket.getInputStream()), rawPath);
            BufferedReader events = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            reader = new Thread(() -> read(events), "event-stream");
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        reader.setDaemon(true);
        reader.start();
    }

    /** Checks the status and reads past the headers; the body is chunked unless the gateway closes to end it. */
    private static InputStream body(InputStream in, String rawPath) throws IOException {
        String status = ChunkedBody.readLine(in);
        if (status.matches("HTTP/1\\.[01] 204( .*)?")) {
            throw new NoStream(status);
        }
        if (!status.matches("HTTP/1\\.[01] 200( .*)?")) {
            throw new HttpTransport.HttpFailure("GET " + rawPath + " answered " + status);
        }
        boolean chunked = false;
        int headers = 0;
        for (String h = ChunkedBody.readLine(in); !h.isEmpty(); h = ChunkedBody.readLine(in)) {
            if (++headers > MAX_HEADERS) {
                throw new IOException("more than " + MAX_HEADERS + " header lines");
            }
            chunked |= h.toLowerCase(Locale.ROOT).matches("transfer-encoding:\\s*chunked\\s*");
        }
        return chunked ? new ChunkedBody(in) : in;
    }

    private void read(BufferedReader events) {
        String event = "message";
        StringBuilder data = new StringBuilder();
        try (events) {
            for (String line = events.readLine(); line != null; line = events.readLine()) {
                if (line.isEmpty()) {
                    dispatch(event, data.toString());
                    event = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    event = line.substring("event:".length()).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring("data:".length()).stripLeading()).append('\n');
                }
            }
        } catch (IOException e) {
            // Cut by close(), or the stream broke: either way no more arrivals; the step reports the wait.
        }
    }

    private void dispatch(String event, String data) throws IOException {
        if (!data.isEmpty()) {
            arrivals.arrived(count.arrivals(event, JSON.readTree(data)));
        }
    }

    /** The REST binding's events: each message {@code added} in a {@code changes} event is one arrival. */
    static int restChanges(String event, JsonNode data) {
        return "changes".equals(event) ? data.path("added").size() : 0;
    }

    @Override
    public OptionalLong awaitNext(Duration timeout) throws InterruptedException {
        return arrivals.next(timeout);
    }

    /** The server answered the stream's request with 204 No Content: it has an event source, switched off. */
    static final class NoStream extends IOException {

        private static final long serialVersionUID = 1L;

        NoStream(String status) {
            super(status);
        }
    }

    /** How many new messages one event announces. */
    @FunctionalInterface
    interface ArrivalCount {
        int arrivals(String event, JsonNode data);
    }

    @Override
    public void close() {
        try {
            socket.close();
            reader.join(5_000);
        } catch (IOException e) {
            // Closing a socket that is already broken: nothing left to cut.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.lemongate.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One Server-Sent Events response read as the EventSource algorithm does: {@code event:}, {@code id:} and
 * {@code data:} fields dispatched at a blank line, comments kept apart. A daemon thread reads; the test takes what
 * arrived with a timeout, and sees the end of the stream (closed, cut) as an {@link End}.
 */
final class SseStream implements AutoCloseable {

    /** What the stream delivered. */
    sealed interface Item permits Event, Comment, End {
    }

    /** A dispatched event. */
    record Event(String type, String id, String data) implements Item {
    }

    /** A comment line, e.g. {@code heartbeat}. */
    record Comment(String text) implements Item {
    }

    /** The stream ended, normally or by an error. */
    record End(String why) implements Item {
    }

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Item> items = new LinkedBlockingQueue<>();

    private SseStream(HttpResponse<InputStream> response) {
        this.response = response;
        if (response.statusCode() == 200) {
            Thread reader = new Thread(this::read, "sse-reader");
            reader.setDaemon(true);
            reader.start();
        }
    }

    /** Sends the request and starts reading the body if the status is 200. */
    static SseStream open(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
        return new SseStream(http.send(request, HttpResponse.BodyHandlers.ofInputStream()));
    }

    HttpResponse<InputStream> response() {
        return response;
    }

    /** The next item, or null when none arrived within {@code timeout}. */
    Item next(Duration timeout) throws InterruptedException {
        return items.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next event, skipping comments; null on timeout or at the end of the stream. */
    Event nextEvent(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Item item = next(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (item == null || item instanceof End) {
                return null;
            }
            if (item instanceof Event e) {
                return e;
            }
        }
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String type = "message";
            String id = null;
            StringBuilder data = null;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isEmpty()) {
                    if (data != null) {
                        items.add(new Event(type, id, data.toString()));
                    }
                    type = "message";
                    data = null;
                } else if (line.startsWith(":")) {
                    items.add(new Comment(line.substring(1).strip()));
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                    switch (field) {
                        case "event" -> type = value;
                        case "id" -> id = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> {
                            // retry: and unknown fields do not change what a test asserts
                        }
                    }
                }
            }
            items.add(new End("closed"));
        } catch (IOException e) {
            items.add(new End(e.toString()));
        }
    }

    @Override
    public void close() throws IOException {
        response.body().close();
    }
}

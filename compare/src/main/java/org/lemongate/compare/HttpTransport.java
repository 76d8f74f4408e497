package org.lemongate.compare;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * HTTP/1.1 to the gateway through a {@link CountingRelay}. The client treats the relay as its proxy, so requests
 * carry the gateway's own URL and Host; the relay passes the bytes on to the gateway, or to the HTTP proxy given
 * with {@code --proxy}. Any status outside 2xx is an {@link HttpFailure}.
 */
final class HttpTransport implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient client;
    private final CountingRelay relay;
    private final URI gateway;
    private final String authorization;

    HttpTransport(URI gateway, Upstream firstHop, String user, String password, String name) {
        this.relay = CountingRelay.start(firstHop, name);
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .proxy(ProxySelector.of(relay.address())).connectTimeout(Duration.ofSeconds(10)).build();
        this.gateway = gateway;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A request to a path below the gateway's base URL (raw, already percent-encoded). */
    HttpRequest.Builder request(String rawPath) {
        return HttpRequest.newBuilder(gateway.resolve(rawPath.startsWith("/") ? rawPath.substring(1) : rawPath))
                .timeout(TIMEOUT).header("Authorization", authorization);
    }

    /**
     * Sends, reads the whole (small) reply and times it. A request whose reused connection closed before a single
     * byte of reply came is sent once more, whatever its method, as browsers do: an intermediary may close an idle
     * kept-alive connection just as the client picks it up, and the request never reached the server.
     */
    byte[] send(Latencies latencies, HttpRequest request) throws Exception {
        HttpResponse<byte[]> response;
        try {
            response = latencies.time(() -> client.send(request, HttpResponse.BodyHandlers.ofByteArray()));
        } catch (IOException e) {
            if (e.getMessage() == null || !e.getMessage().contains("received no bytes")) {
                throw e;
            }
            response = latencies.time(() -> client.send(request, HttpResponse.BodyHandlers.ofByteArray()));
        }
        require(request, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        return response.body();
    }

    /** Sends and times a request whose status the caller judges (a redirect, say), with the whole reply. */
    HttpResponse<byte[]> exchange(Latencies latencies, HttpRequest request) throws Exception {
        return latencies.time(() -> client.send(request, HttpResponse.BodyHandlers.ofByteArray()));
    }

    /** Sends and hands back the reply as a stream; the caller closes it (early, to cut the connection). */
    HttpResponse<InputStream> stream(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() / 100 != 2) {
            try (InputStream body = response.body()) {
                require(request, response.statusCode(), new String(body.readNBytes(2048), StandardCharsets.UTF_8));
            }
        }
        return response;
    }

    /**
     * A connection of its own through the same relay, for a long poll that must be cut at once when the client stops
     * waiting (an {@link HttpClient} request cannot be aborted on Java 17).
     */
    HttpURLConnection openThroughRelay(String rawPath) throws IOException {
        HttpURLConnection c = (HttpURLConnection) absolute(rawPath).toURL()
                .openConnection(new Proxy(Proxy.Type.HTTP, relay.address()));
        c.setConnectTimeout((int) Duration.ofSeconds(10).toMillis());
        c.setUseCaches(false);
        c.setRequestProperty("Authorization", authorization);
        return c;
    }

    /**
     * A plain socket to the relay, for a stream that another thread must be able to cut at once: closing it ends a
     * blocked read, which closing an {@link HttpURLConnection}'s stream does not.
     */
    Socket connectToRelay() throws IOException {
        Socket socket = new Socket();
        socket.connect(relay.address(), (int) Duration.ofSeconds(10).toMillis());
        return socket;
    }

    /** The Authorization header's value, for requests written by hand on such a socket. */
    String authorization() {
        return authorization;
    }

    /** An absolute URL on the gateway, as WebDAV's Destination header wants it. */
    URI absolute(String rawPath) {
        return gateway.resolve(rawPath.startsWith("/") ? rawPath.substring(1) : rawPath);
    }

    Traffic traffic() {
        return relay.snapshot();
    }

    private static void require(HttpRequest request, int status, String body) throws HttpFailure {
        if (status / 100 != 2) {
            throw new HttpFailure(request.method() + " " + request.uri().getRawPath() + " answered " + status + ": "
                    + body.replaceAll("\\s+", " ").strip());
        }
    }

    @Override
    public void close() {
        relay.close();
    }

    /** A reply outside 2xx, with its status and the start of its body for the report. */
    static final class HttpFailure extends IOException {

        private static final long serialVersionUID = 1L;

        HttpFailure(String message) {
            super(message.length() > 300 ? message.substring(0, 300) + "..." : message);
        }
    }
}

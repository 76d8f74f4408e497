package org.lemongate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.BlockingHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lemongate.testsupport.LoopbackPorts;

/**
 * A real Undertow serving blocking requests on worker threads, as the servlets are served: the connection is made
 * ready for the next request on the I/O thread, and keep-alive, pipelined and closing requests all still work.
 */
class IoThreadCompletionTest {

    private static final int TIMEOUT_MILLIS = 10_000;

    /** For each completed exchange, whether what ran after the handoff ran on the I/O thread. */
    private final List<Boolean> completedOnIoThread = new CopyOnWriteArrayList<>();
    private Undertow server;
    private int port;

    @BeforeEach
    void start() {
        port = LoopbackPorts.pickFree();
        // Like the servlets: served on a worker thread, which ends the exchange.
        HttpHandler blocking = new BlockingHandler(exchange -> {
            byte[] body = ("served " + exchange.getQueryString()).getBytes(StandardCharsets.US_ASCII);
            exchange.setResponseContentLength(body.length);
            exchange.getOutputStream().write(body);
        });
        HttpHandler recorder = new Recorder(new IoThreadCompletion(blocking));
        server = Undertow.builder().addHttpListener(port, "127.0.0.1").setHandler(recorder).build();
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void keepAliveRequestsEachFindTheConnectionReady() throws IOException, InterruptedException {
        try (Socket socket = connect()) {
            for (int i = 0; i < 200; i++) {
                socket.getOutputStream().write(request("n=" + i, false));
                assertEquals("served n=" + i, readResponse(socket.getInputStream()));
            }
        }
        awaitCompletions(200);
        assertTrue(completedOnIoThread.stream().allMatch(Boolean::booleanValue),
                "every keep-alive exchange was completed on the I/O thread: " + completedOnIoThread);
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws IOException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            ByteArrayOutputStream three = new ByteArrayOutputStream();
            for (int i = 0; i < 3; i++) {
                three.write(request("p=" + i, false));
            }
            out.write(three.toByteArray());
            for (int i = 0; i < 3; i++) {
                assertEquals("served p=" + i, readResponse(socket.getInputStream()));
            }
        }
    }

    @Test
    void aClosingRequestIsCompletedWhereItWasServed() throws IOException, InterruptedException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(request("last", true));
            assertEquals("served last", readResponse(socket.getInputStream()));
            assertEquals(-1, socket.getInputStream().read(), "the server closed the connection");
        }
        awaitCompletions(1);
        assertEquals(List.of(false), completedOnIoThread);
    }

    /** The last completion may still run after its answer has reached the client. */
    private void awaitCompletions(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT_MILLIS * 1_000_000L;
        while (completedOnIoThread.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(count, completedOnIoThread.size());
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        return socket;
    }

    private static byte[] request(String query, boolean close) {
        return ("GET /?" + query + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (close ? "Connection: close\r\n" : "")
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads one response with a Content-Length and returns its body. */
    private static String readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + head);
            }
            head.append((char) b);
        }
        assertTrue(head.toString().startsWith("HTTP/1.1 200 "), head.toString());
        int length = head.toString().lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
                .map(l -> Integer.parseInt(l.substring(l.indexOf(':') + 1).trim())).findFirst().orElseThrow();
        return new String(in.readNBytes(length), StandardCharsets.US_ASCII);
    }

    /**
     * Registers its completion listener before {@link IoThreadCompletion}'s, so that it runs after the handoff, as
     * the connection's own completion does.
     */
    private final class Recorder implements HttpHandler {
        private final HttpHandler next;

        Recorder(HttpHandler next) {
            this.next = next;
        }

        @Override
        public void handleRequest(HttpServerExchange exchange) throws Exception {
            exchange.addExchangeCompleteListener((done, rest) -> {
                completedOnIoThread.add(done.isInIoThread());
                rest.proceed();
            });
            next.handleRequest(exchange);
        }
    }
}

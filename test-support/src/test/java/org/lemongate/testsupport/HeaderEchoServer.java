package org.lemongate.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Executors;

/**
 * An HTTP upstream for proxy tests: answers every request with a text body naming itself, the path it received and
 * each request header as {@code name: value} lines (names lower-cased). A path starting with {@code /slow/N} waits N
 * milliseconds before answering; {@code /big/N} appends N bytes of filler text.
 */
final class HeaderEchoServer implements AutoCloseable {

    private final HttpServer server;
    private final String name;

    private HeaderEchoServer(String name) throws IOException {
        this.name = name;
        server = HttpServer.create(new InetSocketAddress(LoopbackPorts.address(), 0), 16);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::answer);
        server.start();
    }

    static HeaderEchoServer start(String name) throws IOException {
        return new HeaderEchoServer(name);
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        StringBuilder body = new StringBuilder("server: ").append(name).append("\npath: ").append(path).append('\n');
        exchange.getRequestHeaders().forEach((header, values) -> values.forEach(value ->
                body.append(header.toLowerCase(Locale.ROOT)).append(": ").append(value).append('\n')));
        if (path.startsWith("/slow/")) {
            pause(Long.parseLong(path.substring("/slow/".length())));
        }
        if (path.startsWith("/big/")) {
            body.append("x".repeat(Integer.parseInt(path.substring("/big/".length()))));
        }
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

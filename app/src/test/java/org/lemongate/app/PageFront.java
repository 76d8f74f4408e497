package org.lemongate.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A web page's origin for browser tests: serves one HTML page at {@code /}, takes what the page POSTs to
 * {@code /report}, and relays every other request byte for byte to the gateway's front, so that the page and the
 * API share one origin as in a real deployment. The gateway's own responses forbid script (its CSP), which is why
 * the page cannot come from the gateway. Each relayed request gets {@code Connection: close}, so that every request
 * of the browser arrives here first.
 */
final class PageFront implements AutoCloseable {

    private static final int MAX_HEAD = 64 * 1024;

    private final ServerSocket listener;
    private final String page;
    private final int upstreamPort;
    private final BlockingQueue<String> reports = new LinkedBlockingQueue<>();

    private PageFront(String page, int upstreamPort) throws IOException {
        this.page = page;
        this.upstreamPort = upstreamPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(this::accept, "page-front-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Serves {@code page} and relays the rest to {@code 127.0.0.1:upstreamPort}. */
    static PageFront start(String page, int upstreamPort) throws IOException {
        return new PageFront(page, upstreamPort);
    }

    /** {@code http://127.0.0.1:PORT/}. */
    String url() {
        return "http://127.0.0.1:" + listener.getLocalPort() + "/";
    }

    /** The next report the page sent, or null after {@code timeout}. */
    String nextReport(Duration timeout) throws InterruptedException {
        return reports.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Thread t = new Thread(() -> serve(client), "page-front-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            String head = readHead(in);
            String requestLine = head.substring(0, head.indexOf("\r\n"));
            if (requestLine.startsWith("GET / ")) {
                respond(client.getOutputStream(), "text/html; charset=utf-8", page);
            } else if (requestLine.startsWith("POST /report ")) {
                reports.add(new String(in.readNBytes(contentLength(head)), StandardCharsets.UTF_8));
                respond(client.getOutputStream(), "text/plain", "ok");
            } else {
                relay(client, head);
            }
        } catch (IOException e) {
            // The browser or the relay went away; the test sees it in what the page reports.
        }
    }

    private void relay(Socket client, String head) throws IOException {
        StringBuilder rewritten = new StringBuilder();
        for (String line : head.split("\r\n")) {
            if (!line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
                rewritten.append(line).append("\r\n");
            }
        }
        rewritten.append("Connection: close\r\n\r\n");
        try (Socket upstream = new Socket()) {
            upstream.connect(new InetSocketAddress("127.0.0.1", upstreamPort), 5_000);
            upstream.getOutputStream().write(rewritten.toString().getBytes(StandardCharsets.ISO_8859_1));
            Thread up = new Thread(() -> pipe(client, upstream), "page-front-up");
            up.setDaemon(true);
            up.start();
            pipe(upstream, client);
        }
    }

    private static void pipe(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            try {
                to.close();
            } catch (IOException ignored) {
                // already closed by the other direction
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0 || head.size() > MAX_HEAD) {
                throw new SocketException("no complete request head");
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - 2);
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return 0;
    }

    private static void respond(OutputStream out, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: " + type + "\r\nContent-Length: " + bytes.length
                + "\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}

package org.lemongate.compare;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Where a {@link CountingRelay} forwards a client's connections: straight to a server, or to the server through an
 * HTTP proxy's {@code CONNECT} tunnel (for IMAP and SMTP, which an HTTP proxy can only tunnel).
 *
 * @param host   the server, or the proxy when {@code tunnel} is empty and the client speaks HTTP to the proxy
 * @param port   its port
 * @param tunnel the HTTP proxy to tunnel through, if any
 */
record Upstream(String host, int port, Optional<URI> tunnel) {

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final int MAX_PROXY_HEAD = 16 * 1024;

    static Upstream direct(String host, int port) {
        return new Upstream(host, port, Optional.empty());
    }

    /** Opens one connection; through the tunnel the proxy's CONNECT exchange is not counted (it is the proxy's). */
    Socket connect() throws IOException {
        if (tunnel.isEmpty()) {
            return open(host, port);
        }
        URI proxy = tunnel.get();
        Socket socket = open(proxy.getHost(), proxy.getPort() == -1 ? 80 : proxy.getPort());
        try {
            String target = host + ":" + port;
            OutputStream out = socket.getOutputStream();
            out.write(("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String head = readHead(socket.getInputStream());
            String status = head.lines().findFirst().orElse("");
            if (!status.matches("HTTP/1\\.[01] 2\\d\\d.*")) {
                throw new IOException("the proxy " + proxy + " refused CONNECT " + target + ": " + status);
            }
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static Socket open(String host, int port) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
        return socket;
    }

    /** Reads byte by byte up to the blank line, so that no byte of the tunnelled stream is consumed. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (head.size() < MAX_PROXY_HEAD) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the proxy closed the connection during CONNECT");
            }
            head.write(b);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        throw new IOException("the proxy's answer to CONNECT is over " + MAX_PROXY_HEAD + " bytes");
    }
}

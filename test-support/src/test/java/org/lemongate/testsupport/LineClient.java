package org.lemongate.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A client that sends and reads lines, with a read timeout so a silent server shows as a timeout. */
final class LineClient implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader reader;

    private LineClient(Socket socket) throws IOException {
        this.socket = socket;
        this.reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    static LineClient connect(int port, Duration readTimeout) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(LoopbackPorts.address(), port), 2_000);
        socket.setSoTimeout((int) readTimeout.toMillis());
        return new LineClient(socket);
    }

    void send(String line) throws IOException {
        socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /** The next line, or null at end of stream; throws SocketTimeoutException when nothing comes in time. */
    String readLine() throws IOException {
        return reader.readLine();
    }

    void readTimeout(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

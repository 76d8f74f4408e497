package org.lemongate.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A line server for proxy tests: greets each client with "hello", then echoes every line back. */
final class EchoServer implements AutoCloseable {

    static final String GREETING = "hello";

    private final ServerSocket listener;

    private EchoServer() throws IOException {
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress(LoopbackPorts.address(), 0));
        Thread acceptor = new Thread(this::acceptUntilClosed, "echo-server-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static EchoServer start() throws IOException {
        return new EchoServer();
    }

    int port() {
        return listener.getLocalPort();
    }

    private void acceptUntilClosed() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Thread session = new Thread(() -> echo(client), "echo-server-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void echo(Socket client) {
        try (client) {
            OutputStream output = client.getOutputStream();
            BufferedReader input = new BufferedReader(
                    new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            output.write((GREETING + "\n").getBytes(StandardCharsets.UTF_8));
            String line;
            while ((line = input.readLine()) != null) {
                output.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException reset) {
            // the proxy cut the connection: that is what the tests do
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}

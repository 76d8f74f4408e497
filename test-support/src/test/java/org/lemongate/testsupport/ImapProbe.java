package org.lemongate.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal line-based IMAP client for testing the servers themselves: this module must not depend on the
 * connector it exists to test.
 */
final class ImapProbe implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader reader;
    private final OutputStream output;
    private final String greeting;
    private int nextTag = 1;

    private ImapProbe(Socket socket) throws IOException {
        this.socket = socket;
        this.reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.output = socket.getOutputStream();
        this.greeting = reader.readLine();
    }

    static ImapProbe connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(LoopbackPorts.address(), port), 2_000);
        socket.setSoTimeout(10_000);
        return new ImapProbe(socket);
    }

    static ImapProbe login(int port, String user, String password) throws IOException {
        ImapProbe probe = connect(port);
        String result = probe.tagged("LOGIN " + user + " " + password);
        if (!result.contains(" OK ")) {
            probe.close();
            throw new IOException("LOGIN failed: " + result);
        }
        return probe;
    }

    String greeting() {
        return greeting;
    }

    /** Sends a command; returns every line of the answer, the tagged completion last. */
    List<String> command(String command) throws IOException {
        String tag = "t" + nextTag++;
        output.write((tag + " " + command + "\r\n").getBytes(StandardCharsets.UTF_8));
        output.flush();
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = reader.readLine();
            if (line == null) {
                throw new IOException("Connection closed after " + lines);
            }
            lines.add(line);
            if (line.startsWith(tag + " ")) {
                return lines;
            }
        }
    }

    /** Sends a command; returns only the tagged completion line. */
    String tagged(String command) throws IOException {
        List<String> lines = command(command);
        return lines.get(lines.size() - 1);
    }

    void readTimeout(java.time.Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
    }

    /** Reads one line, or null at end of stream. */
    String readLine() throws IOException {
        return reader.readLine();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

package org.lemongate.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** One look at whether an IMAP server on a loopback port greets its clients yet. */
final class ImapGreeting {

    private static final int CONNECT_TIMEOUT_MILLIS = 500;
    private static final int READ_TIMEOUT_MILLIS = 2_000;

    private ImapGreeting() {
    }

    /** Whether a connection to {@code port} gets an {@code * OK} greeting. */
    static boolean served(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LoopbackPorts.address(), port), CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            BufferedReader reader = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String greeting = reader.readLine();
            return greeting != null && greeting.startsWith("* OK");
        } catch (IOException notYet) {
            return false;
        }
    }
}

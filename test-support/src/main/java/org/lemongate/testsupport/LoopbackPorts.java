package org.lemongate.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/**
 * Free ports and reachability checks on the loopback interface, the only network tests may use.
 */
public final class LoopbackPorts {

    /** The address every test server listens on. */
    public static final String HOST = "127.0.0.1";

    private static final int CONNECT_TIMEOUT_MILLIS = 500;

    private LoopbackPorts() {
    }

    /** The loopback address as an {@link InetAddress}. */
    public static InetAddress address() {
        return InetAddress.getLoopbackAddress();
    }

    /**
     * A port that was free on {@value #HOST} a moment ago. Another process can take it before the caller binds it, so
     * servers started on it should retry with a new port when binding fails.
     */
    public static int pickFree() {
        try (ServerSocket probe = new ServerSocket(0, 1, address())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        }
    }

    /** Whether something accepts TCP connections on {@value #HOST}:{@code port} right now. */
    public static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address(), port), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /**
     * Waits until nothing accepts connections on {@value #HOST}:{@code port} any more.
     *
     * @throws IllegalStateException when something still does after {@code timeout}
     */
    public static void awaitRefused(int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (accepts(port)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Port " + port + " still accepts connections after " + timeout);
            }
            Polling.sleep(Duration.ofMillis(20));
        }
    }
}

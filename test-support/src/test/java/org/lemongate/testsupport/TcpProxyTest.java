package org.lemongate.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TcpProxyTest {

    private static final Duration SILENCE = Duration.ofMillis(300);
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private EchoServer echo;
    private TcpProxy proxy;

    @BeforeEach
    void startEchoBehindProxy() throws IOException {
        echo = EchoServer.start();
        proxy = TcpProxy.start(LoopbackPorts.HOST, echo.port());
    }

    @AfterEach
    void closeBoth() throws IOException {
        proxy.close();
        echo.close();
    }

    @Test
    void relaysBothWaysAndCountsBytesAndConnections() throws IOException {
        assertEquals("127.0.0.1", proxy.host());
        try (LineClient client = LineClient.connect(proxy.port(), PATIENCE)) {
            assertEquals(EchoServer.GREETING, client.readLine());
            client.send("ping");
            assertEquals("ping", client.readLine());

            assertEquals(5, proxy.bytesFromClients());
            assertEquals(6 + 5, proxy.bytesToClients());
            assertEquals(1, proxy.connectionsAccepted());
            assertEquals(1, proxy.openConnections());
        }
        eventually(() -> proxy.openConnections() == 0, "connection still counted open after the client closed");
        assertEquals(1, proxy.connectionsAccepted());
    }

    @Test
    void pausedProxyAcceptsButRelaysNothingUntilResumed() throws IOException {
        try (LineClient before = LineClient.connect(proxy.port(), SILENCE)) {
            assertEquals(EchoServer.GREETING, before.readLine());

            proxy.pause();
            before.send("held");
            assertThrows(SocketTimeoutException.class, before::readLine);
            try (LineClient during = LineClient.connect(proxy.port(), SILENCE)) {
                assertThrows(SocketTimeoutException.class, during::readLine);
                assertEquals(2, proxy.connectionsAccepted());

                proxy.resume();
                before.readTimeout(PATIENCE);
                during.readTimeout(PATIENCE);
                assertEquals("held", before.readLine());
                assertEquals(EchoServer.GREETING, during.readLine());
            }
        }
    }

    @Test
    void stoppedProxyRefusesAndResetsThenRestartsOnTheSamePort() throws IOException {
        int port = proxy.port();
        try (LineClient client = LineClient.connect(port, PATIENCE)) {
            assertEquals(EchoServer.GREETING, client.readLine());

            proxy.stop();

            assertThrows(SocketException.class, client::readLine);
            assertThrows(ConnectException.class, () -> LineClient.connect(port, PATIENCE));
            assertFalse(LoopbackPorts.accepts(port));
            assertEquals(0, proxy.openConnections());
            assertTrue(proxy.liveThreads().isEmpty(), "threads after stop: " + proxy.liveThreads());
        }

        proxy.start();

        assertEquals(port, proxy.port());
        try (LineClient again = LineClient.connect(port, PATIENCE)) {
            assertEquals(EchoServer.GREETING, again.readLine());
        }
    }

    @Test
    void cutAllResetsOpenConnectionsButKeepsListening() throws IOException {
        try (LineClient first = LineClient.connect(proxy.port(), PATIENCE);
             LineClient second = LineClient.connect(proxy.port(), PATIENCE)) {
            assertEquals(EchoServer.GREETING, first.readLine());
            assertEquals(EchoServer.GREETING, second.readLine());

            proxy.cutAll();

            SocketException reset = assertThrows(SocketException.class, first::readLine);
            assertTrue(reset.getMessage().contains("reset"), reset.getMessage());
            assertThrows(SocketException.class, second::readLine);
            eventually(() -> proxy.openConnections() == 0, "connections still open after cutAll()");
        }
        try (LineClient after = LineClient.connect(proxy.port(), PATIENCE)) {
            assertEquals(EchoServer.GREETING, after.readLine());
        }
    }

    @Test
    void closesClientsWhoseTargetIsDown() throws IOException {
        int deadPort = LoopbackPorts.pickFree();
        try (TcpProxy toNowhere = TcpProxy.start(LoopbackPorts.HOST, deadPort);
             LineClient client = LineClient.connect(toNowhere.port(), PATIENCE)) {
            assertNull(client.readLine());
            assertEquals(1, toNowhere.connectionsAccepted());
        }
    }

    @Test
    void leavesNoThreadBehindAfterClose() throws IOException {
        String prefix = "tcp-proxy-" + proxy.port() + "-";
        LineClient relaying = LineClient.connect(proxy.port(), PATIENCE);
        assertEquals(EchoServer.GREETING, relaying.readLine());
        proxy.pause();
        LineClient waiting = LineClient.connect(proxy.port(), SILENCE);
        // The acceptor, two relaying threads and one waiting out the pause.
        eventually(() -> threadsNamed(prefix).size() == 4, "threads: " + threadsNamed(prefix));
        assertTrue(threadsNamed(prefix).stream().allMatch(Thread::isDaemon), threadsNamed(prefix).toString());

        proxy.close();

        assertEquals(List.of(), threadsNamed(prefix));
        relaying.close();
        waiting.close();
    }

    @Test
    void refusesToPauseWhenStoppedOrClosed() {
        proxy.stop();
        assertThrows(IllegalStateException.class, proxy::pause);
        proxy.close();
        assertThrows(IllegalStateException.class, proxy::start);
        assertThrows(IllegalArgumentException.class, () -> TcpProxy.start(LoopbackPorts.HOST, 0));
    }

    private static List<Thread> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(prefix))
                .toList();
    }

    private static void eventually(BooleanSupplier condition, String failure) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, failure);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}

package org.lemongate.mapping.imap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lemongate.testsupport.LoopbackPorts;

/** Writes to a peer that stops reading are cut by {@link WriteWatchdog}; idle and flowing connections are not. */
class WriteWatchdogTest {

    private static final Duration TIMEOUT = Duration.ofMillis(400);
    /** Room for a loaded 2-core machine on top of the promised timeout plus one check period. */
    private static final Duration SLACK = Duration.ofSeconds(2);
    private static final int CHUNK = 64 * 1024;

    private final WriteWatchdog watchdog = new WriteWatchdog(TIMEOUT);
    private ScheduledExecutorService ticker;

    @BeforeEach
    void startChecks() {
        ticker = Executors.newSingleThreadScheduledExecutor();
        long tick = watchdog.period().toMillis();
        ticker.scheduleWithFixedDelay(watchdog::check, tick, tick, TimeUnit.MILLISECONDS);
    }

    @AfterEach
    void stopChecks() {
        ticker.shutdownNow();
    }

    @Test
    void periodIsAQuarterOfTheTimeoutBetweenFiftyMillisecondsAndOneSecond() {
        assertEquals(Duration.ofMillis(100), watchdog.period());
        assertEquals(Duration.ofSeconds(1), new WriteWatchdog(Duration.ofSeconds(30)).period());
        assertEquals(Duration.ofMillis(50), new WriteWatchdog(Duration.ofMillis(20)).period());
        assertThrows(IllegalArgumentException.class, () -> new WriteWatchdog(Duration.ZERO));
    }

    @Test
    void writeToAPeerThatStopsReadingIsCutWithinTheTimeout() throws IOException {
        try (ServerSocket server = listener(); Socket client = connect(server); Socket peer = server.accept()) {
            assertEquals(1, watchdog.watched());
            assertCutWithinTimeout(client.getOutputStream());
            assertTrue(client.isClosed(), "the watchdog closed the stuck socket");
            assertEquals(0, watchdog.watched());
        }
    }

    @Test
    void tlsWriteBlockedOnAWatchedSocketIsCut() throws Exception {
        TestCertificate cert = TestCertificate.shared();
        SSLContext serverTls = context(cert.keyStore(), TestCertificate.KEY_PASSWORD, true);
        SSLContext clientTls = context(cert.trustStore(), TestCertificate.TRUST_PASSWORD, false);
        try (SSLServerSocket server = (SSLServerSocket) serverTls.getServerSocketFactory()
                .createServerSocket(0, 1, java.net.InetAddress.getByName(LoopbackPorts.HOST));
             Socket plain = connect(server)) {
            // Layered as Jakarta Mail does after STARTTLS: TLS records travel through the watched socket's stream.
            SSLSocket tls = (SSLSocket) clientTls.getSocketFactory().createSocket(plain, LoopbackPorts.HOST,
                    server.getLocalPort(), true);
            try (SSLSocket peer = (SSLSocket) server.accept()) {
                Thread handshake = new Thread(() -> readOneByte(peer));
                handshake.start();
                tls.getOutputStream().write('x');
                tls.getOutputStream().flush();
                handshake.join(SLACK.toMillis());
                assertCutWithinTimeout(tls.getOutputStream());
                assertTrue(plain.isClosed(), "the plain socket under TLS was closed");
            }
        }
    }

    @Test
    void idleAndFlowingConnectionsOutliveTheTimeout() throws Exception {
        try (ServerSocket server = listener(); Socket client = connect(server); Socket peer = server.accept()) {
            Thread.sleep(TIMEOUT.multipliedBy(3).toMillis());
            assertFalse(client.isClosed(), "an idle connection is not a blocked write");
            byte[] data = new byte[4 * 1024 * 1024];
            Thread writer = new Thread(() -> writeAll(client, data));
            writer.start();
            byte[] received = readSlowly(peer.getInputStream(), data.length);
            writer.join(SLACK.toMillis());
            assertArrayEquals(data, received, "a write that makes progress is never cut");
            assertFalse(client.isClosed());
        }
    }

    private void assertCutWithinTimeout(OutputStream out) {
        long started = System.nanoTime();
        byte[] chunk = new byte[CHUNK];
        assertThrows(IOException.class, () -> {
            while (true) {
                out.write(chunk);
            }
        });
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(took.compareTo(TIMEOUT) >= 0, "cut only after the timeout, took " + took);
        assertTrue(took.compareTo(TIMEOUT.plus(watchdog.period()).plus(SLACK)) < 0, "cut in time, took " + took);
    }

    /** Reads at about 2 MB/s in small steps, each well within the timeout. */
    private static byte[] readSlowly(InputStream in, int length) throws IOException, InterruptedException {
        byte[] all = new byte[length];
        int at = 0;
        while (at < length) {
            int n = in.read(all, at, Math.min(16 * 1024, length - at));
            if (n < 0) {
                throw new IOException("peer closed after " + at + " bytes");
            }
            at += n;
            Thread.sleep(n >= 16 * 1024 ? 8 : 0);
        }
        return all;
    }

    /** Writes in steps of 16 KB: the timeout bounds one write call, as Jakarta Mail's own does. */
    private static void writeAll(Socket s, byte[] data) {
        try {
            OutputStream out = s.getOutputStream();
            for (int at = 0; at < data.length; at += 16 * 1024) {
                out.write(data, at, Math.min(16 * 1024, data.length - at));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void readOneByte(Socket s) {
        try {
            s.getInputStream().read();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ServerSocket listener() throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReceiveBufferSize(CHUNK);
        s.bind(new InetSocketAddress(LoopbackPorts.HOST, 0), 1);
        return s;
    }

    private Socket connect(ServerSocket server) throws IOException {
        Socket s = watchdog.socketFactory().createSocket();
        s.setSendBufferSize(CHUNK);
        s.connect(new InetSocketAddress(LoopbackPorts.HOST, server.getLocalPort()), 5_000);
        return s;
    }

    private static SSLContext context(Path store, String password, boolean server)
            throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, password.toCharArray());
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        if (server) {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password.toCharArray());
            ctx.init(kmf.getKeyManagers(), null, null);
        } else {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            ctx.init(null, tmf.getTrustManagers(), null);
        }
        return ctx;
    }
}

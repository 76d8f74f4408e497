package org.lemongate.mapping.imap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

/**
 * A server that answers like Cyrus IMAP (Nagle on, a large write then a small one) stalls a plain client's every
 * answer by the client's delayed ACK, about 40 ms on Linux; a {@link QuickAckSocket} does not wait for it, nor
 * does the {@link WatchedSocket} the gateway's IMAP connections use.
 */
class QuickAckSocketTest {

    private static final int ROUNDS = 15;
    private static final int BODY = 30_000;
    private static final byte[] TAIL = "T1 OK done\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @Test
    void answersOfSeveralSegmentsArriveWithoutTheDelayedAckStall() throws Exception {
        long plain = medianMillis(new Socket());
        long quick = medianMillis(new QuickAckSocket());
        long watched = medianMillis(new WriteWatchdog(Duration.ofSeconds(10)).socketFactory().createSocket());
        assertTrue(plain >= 20, "precondition: a plain client sees the stall here (median " + plain + " ms)");
        assertTrue(quick < plain / 2, "median " + quick + " ms with quick ACKs vs " + plain + " ms without");
        assertTrue(watched < plain / 2, "median " + watched + " ms on the gateway's sockets vs " + plain + " ms");
    }

    private static long medianMillis(Socket client) throws Exception {
        ExecutorService serverThread = Executors.newSingleThreadExecutor();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Future<?> server = serverThread.submit(() -> serve(listener));
            long[] millis = new long[ROUNDS];
            try (client) {
                client.connect(listener.getLocalSocketAddress(), 2_000);
                client.setSoTimeout(5_000);
                client.setTcpNoDelay(true);
                InputStream in = client.getInputStream();
                OutputStream out = client.getOutputStream();
                byte[] answer = new byte[BODY + TAIL.length];
                for (int i = 0; i < ROUNDS; i++) {
                    long t0 = System.nanoTime();
                    out.write('?');
                    out.flush();
                    int got = 0;
                    while (got < answer.length) {
                        int n = in.read(answer, got, answer.length - got);
                        if (n < 0) {
                            throw new IOException("server closed after " + got + " bytes");
                        }
                        got += n;
                    }
                    millis[i] = (System.nanoTime() - t0) / 1_000_000;
                    assertArrayEquals(TAIL, Arrays.copyOfRange(answer, BODY, answer.length));
                }
            }
            server.get();
            Arrays.sort(millis);
            return millis[ROUNDS / 2];
        } finally {
            serverThread.shutdownNow();
        }
    }

    /** Answers each one-byte request with two writes, Nagle left on, as Cyrus does. */
    private static Void serve(ServerSocket listener) throws IOException {
        try (Socket s = listener.accept()) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            byte[] body = new byte[BODY];
            while (in.read() >= 0) {
                out.write(body);
                out.flush();
                out.write(TAIL);
                out.flush();
            }
        }
        return null;
    }
}

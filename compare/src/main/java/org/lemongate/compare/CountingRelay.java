package org.lemongate.compare;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.Deflater;

/**
 * A loopback TCP relay in front of one client: every byte the client sends or receives passes through it and is
 * counted here, at the socket, before it is passed on. It also counts connections and round trips (a round trip
 * starts each time the client sends after the server has spoken, or first on a connection), and what the same
 * bytes would weigh through a streaming gzip.
 */
final class CountingRelay implements AutoCloseable {

    private static final int BUFFER_BYTES = 64 * 1024;
    /** A gzip member's fixed header and trailer, added once per connection and direction. */
    private static final int GZIP_FRAMING_BYTES = 18;

    private final ServerSocket listener;
    private final Upstream upstream;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong roundTrips = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong gzipSent = new AtomicLong();
    private final AtomicLong gzipReceived = new AtomicLong();
    private final String name;

    private CountingRelay(ServerSocket listener, Upstream upstream, String name) {
        this.listener = listener;
        this.upstream = upstream;
        this.name = name;
    }

    /** Listens on a free loopback port and relays every accepted connection to the upstream. */
    static CountingRelay start(Upstream upstream, String name) {
        try {
            ServerSocket listener = new ServerSocket();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            CountingRelay relay = new CountingRelay(listener, upstream, name);
            daemon(name + "-accept", relay::acceptLoop);
            return relay;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a loopback port for the counting relay", e);
        }
    }

    /** The address clients connect to. */
    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    }

    /** The counts so far. */
    Traffic snapshot() {
        return new Traffic(connections.get(), roundTrips.get(), sent.get(), received.get(), gzipSent.get(),
                gzipReceived.get());
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                connections.incrementAndGet();
                daemon(name + "-conn", () -> relay(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        open.add(client);
        Socket server;
        try {
            client.setTcpNoDelay(true);
            server = upstream.connect();
        } catch (IOException e) {
            closeQuietly(client);
            return;
        }
        open.add(server);
        AtomicReference<Boolean> clientSpokeLast = new AtomicReference<>(Boolean.FALSE);
        Thread down = daemon(name + "-down", () -> pump(server, client, false, clientSpokeLast));
        pump(client, server, true, clientSpokeLast);
        try {
            down.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(client);
        closeQuietly(server);
        open.remove(client);
        open.remove(server);
    }

    private void pump(Socket from, Socket to, boolean fromClient, AtomicReference<Boolean> clientSpokeLast) {
        Deflater deflater = new Deflater(6, true);
        byte[] buffer = new byte[BUFFER_BYTES];
        byte[] compressed = new byte[BUFFER_BYTES + 1024];
        AtomicLong bytes = fromClient ? sent : received;
        AtomicLong gzipped = fromClient ? gzipSent : gzipReceived;
        boolean any = false;
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (fromClient && clientSpokeLast.getAndSet(Boolean.TRUE) == Boolean.FALSE) {
                    roundTrips.incrementAndGet();
                } else if (!fromClient) {
                    clientSpokeLast.set(Boolean.FALSE);
                }
                bytes.addAndGet(n);
                if (!any) {
                    gzipped.addAndGet(GZIP_FRAMING_BYTES);
                    any = true;
                }
                gzipped.addAndGet(deflate(deflater, buffer, n, compressed));
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // One side went away (a cut download, a closed pool connection): end the other side too.
            closeQuietly(to);
            closeQuietly(from);
        } finally {
            deflater.end();
        }
    }

    /** Compresses one read and flushes, as a compressing link would before the bytes could leave. */
    private static long deflate(Deflater deflater, byte[] input, int length, byte[] output) {
        deflater.setInput(input, 0, length);
        long total = 0;
        int n;
        do {
            n = deflater.deflate(output, 0, output.length, Deflater.SYNC_FLUSH);
            total += n;
        } while (n == output.length);
        return total;
    }

    @Override
    public void close() {
        closeQuietly(listener);
        open.forEach(CountingRelay::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // Closing is best effort: the socket is gone either way.
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public String toString() {
        return name + " relay to " + upstream.host() + ":" + upstream.port();
    }
}

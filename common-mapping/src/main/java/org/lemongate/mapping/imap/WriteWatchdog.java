package org.lemongate.mapping.imap;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import javax.net.SocketFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write timeout of every IMAP connection, kept by one periodic check instead of a timer task per write.
 *
 * <p>Jakarta Mail's own write timeout schedules and cancels a task on an executor for every socket write, which
 * costs the flag change measurable client CPU. Here a write only notes when it started ({@link WatchedSocket});
 * {@link #check()}, run every {@link #period()} by the gateway's housekeeping thread, closes any socket whose
 * current write has been blocked longer than the timeout. A blocked write is so cut within timeout plus one period.
 * Sockets are the plain TCP sockets under any TLS layer, so closing one also ends a TLS write blocked on it.
 */
final class WriteWatchdog {

    private static final Logger LOG = LoggerFactory.getLogger(WriteWatchdog.class);
    private static final Duration LONGEST_PERIOD = Duration.ofSeconds(1);
    private static final Duration SHORTEST_PERIOD = Duration.ofMillis(50);

    private final long timeoutNanos;
    private final Duration period;
    private final Set<WatchedSocket> sockets = ConcurrentHashMap.newKeySet();
    private final SocketFactory factory = new Factory();

    /** @param timeout longest a single write may block; must be positive */
    WriteWatchdog(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("write timeout must be positive, was " + timeout);
        }
        this.timeoutNanos = timeout.toNanos();
        Duration quarter = timeout.dividedBy(4);
        this.period = quarter.compareTo(LONGEST_PERIOD) > 0 ? LONGEST_PERIOD
                : quarter.compareTo(SHORTEST_PERIOD) < 0 ? SHORTEST_PERIOD : quarter;
    }

    /** How often {@link #check()} must run for the guarantee to hold. */
    Duration period() {
        return period;
    }

    /** The factory for Jakarta Mail's {@code mail.imap.socketFactory}: its sockets are watched once connected. */
    SocketFactory socketFactory() {
        return factory;
    }

    /** Sockets connected and not yet found closed. */
    int watched() {
        return sockets.size();
    }

    /** Closes the sockets whose write has been blocked too long and forgets closed ones. */
    void check() {
        long now = System.nanoTime();
        for (WatchedSocket s : sockets) {
            if (s.isClosed()) {
                sockets.remove(s);
            } else if (s.blockedNanos(now) > timeoutNanos) {
                LOG.warn("closing the IMAP connection to {}: a write has been blocked longer than {} ms",
                        s.getRemoteSocketAddress(), TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
                sockets.remove(s);
                closeQuietly(s);
            }
        }
    }

    void watch(WatchedSocket socket) {
        sockets.add(socket);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // The writer blocked on it fails either way; there is nothing more to release here.
            LOG.debug("closing a stuck socket failed", e);
        }
    }

    /**
     * Jakarta Mail calls only {@link #createSocket()} and connects the socket itself; the other forms exist for
     * other callers of a {@link SocketFactory} and connect at once.
     */
    private final class Factory extends SocketFactory {

        @Override
        public Socket createSocket() {
            return new WatchedSocket(WriteWatchdog.this);
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return connected(new InetSocketAddress(host, port), null);
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return connected(new InetSocketAddress(host, port), null);
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
        }

        private Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
            Socket s = createSocket();
            try {
                if (local != null) {
                    s.bind(local);
                }
                s.connect(remote);
                return s;
            } catch (IOException e) {
                s.close();
                throw e;
            }
        }
    }
}

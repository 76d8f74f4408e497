package org.lemongate.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A loopback TCP proxy in front of one server, for tests of what a client does when the network misbehaves, and
 * for counting the bytes a protocol exchange costs.
 *
 * <ul>
 *   <li>{@link #pause()}: still accepts connections but relays nothing on any of them, so clients meet a server
 *       that accepts and never answers (a hung backend); {@link #resume()} relays again, nothing lost.</li>
 *   <li>{@link #stop()}: closes the listening socket and resets every connection (a crashed backend: connection
 *       refused and reset); {@link #start()} listens again on the same port.</li>
 *   <li>{@link #cutAll()}: resets every open connection but keeps listening (a network blip).</li>
 * </ul>
 *
 * <p>Each connection uses two daemon threads named {@code tcp-proxy-PORT-N-up} and {@code -down}; the acceptor is
 * {@code tcp-proxy-PORT-accept}. {@link #close()} ends and joins all of them.
 */
public final class TcpProxy implements AutoCloseable {

    private static final int ACCEPT_BACKLOG = 50;

    private final String targetHost;
    private final int targetPort;
    private final ProxyThreads threads;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition relayingAllowed = lock.newCondition();
    private final Set<ProxiedConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong bytesFromClients = new AtomicLong();
    private final AtomicLong bytesToClients = new AtomicLong();
    private final AtomicLong connectionsAccepted = new AtomicLong();
    private final AtomicLong connectionNumbers = new AtomicLong();
    private int port;
    private ServerSocket listener;
    private State state = State.STOPPED;

    private enum State { RELAYING, PAUSED, STOPPED, CLOSED }

    private TcpProxy(String targetHost, int targetPort) {
        this.targetHost = Objects.requireNonNull(targetHost, "targetHost");
        if (targetPort < 1 || targetPort > 65_535) {
            throw new IllegalArgumentException("Not a TCP port: " + targetPort);
        }
        this.targetPort = targetPort;
        this.threads = new ProxyThreads();
    }

    /**
     * Starts a proxy on a free port of 127.0.0.1 that relays every connection to {@code targetHost:targetPort}.
     * The target is contacted per connection, so it may be down when the proxy starts.
     */
    public static TcpProxy start(String targetHost, int targetPort) {
        TcpProxy proxy = new TcpProxy(targetHost, targetPort);
        proxy.listenOn(0);
        return proxy;
    }

    /** The address clients connect to: {@code 127.0.0.1}. */
    public String host() {
        return LoopbackPorts.HOST;
    }

    /** The port clients connect to; the same across {@link #stop()} and {@link #start()}. */
    public int port() {
        lock.lock();
        try {
            return port;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Listens again after {@link #stop()}, on the same port, relaying; does nothing while already listening.
     *
     * @throws UncheckedIOException when another process took the port meanwhile
     */
    public TcpProxy start() {
        lock.lock();
        try {
            if (state == State.CLOSED) {
                throw new IllegalStateException("This proxy was closed; start a new one");
            }
            if (state == State.STOPPED) {
                listenOn(port);
            }
            return this;
        } finally {
            lock.unlock();
        }
    }

    /** Stops relaying in both directions on every connection, old and new; connections stay open. */
    public void pause() {
        changeRelaying(State.PAUSED);
    }

    /** Relays again after {@link #pause()}, including whatever arrived meanwhile. */
    public void resume() {
        changeRelaying(State.RELAYING);
    }

    /**
     * Closes the listening socket, so new clients get "connection refused", and resets every connection. Returns
     * when every proxy thread has ended.
     */
    public void stop() {
        ServerSocket closing;
        lock.lock();
        try {
            if (state == State.STOPPED || state == State.CLOSED) {
                return;
            }
            state = State.STOPPED;
            closing = listener;
            listener = null;
            relayingAllowed.signalAll();
        } finally {
            lock.unlock();
        }
        ProxiedConnection.closeQuietly(closing);
        cutAll();
        threads.joinAll();
    }

    /** Resets every open connection (TCP RST on both sides) and keeps listening. */
    public void cutAll() {
        List<ProxiedConnection> open = List.copyOf(connections);
        open.forEach(ProxiedConnection::reset);
        lock.lock();
        try {
            relayingAllowed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Stops the proxy for good; every thread it started has ended when this returns. */
    @Override
    public void close() {
        stop();
        lock.lock();
        try {
            state = State.CLOSED;
        } finally {
            lock.unlock();
        }
    }

    /** Bytes read from clients and passed on to the target; counted before the target can have read them. */
    public long bytesFromClients() {
        return bytesFromClients.get();
    }

    /** Bytes read from the target and passed on to clients; counted before a client can have read them. */
    public long bytesToClients() {
        return bytesToClients.get();
    }

    /** Client connections accepted since the proxy was created, paused ones included. */
    public long connectionsAccepted() {
        return connectionsAccepted.get();
    }

    /** Client connections open right now. */
    public int openConnections() {
        return connections.size();
    }

    /** The proxy's threads that are still alive; empty after {@link #close()}. */
    List<Thread> liveThreads() {
        return threads.alive();
    }

    @Override
    public String toString() {
        return "TcpProxy " + host() + ":" + port() + " -> " + targetHost + ":" + targetPort;
    }

    private void listenOn(int requestedPort) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(LoopbackPorts.address(), requestedPort), ACCEPT_BACKLOG);
            lock.lock();
            try {
                listener = socket;
                port = socket.getLocalPort();
                state = State.RELAYING;
            } finally {
                lock.unlock();
            }
            threads.start("tcp-proxy-" + port + "-accept", () -> acceptUntilClosed(socket));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on " + LoopbackPorts.HOST + ":" + requestedPort, e);
        }
    }

    private void acceptUntilClosed(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException closed) {
                return;
            }
            connectionsAccepted.incrementAndGet();
            ProxiedConnection connection = new ProxiedConnection(this, client, connectionNumbers.incrementAndGet());
            lock.lock();
            try {
                if (state == State.STOPPED || state == State.CLOSED) {
                    connection.reset();
                    return;
                }
                connections.add(connection);
                // Under the lock, so stop() cannot join the threads before this one exists.
                threads.start(connection.threadName("up"), connection::relayUpstream);
            } finally {
                lock.unlock();
            }
        }
    }

    private void changeRelaying(State wanted) {
        lock.lock();
        try {
            if (state == State.CLOSED || state == State.STOPPED) {
                throw new IllegalStateException("The proxy is " + state.name().toLowerCase(Locale.ROOT));
            }
            state = wanted;
            relayingAllowed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Blocks while the proxy is paused. Returns true when the connection may relay, false when it should end
     * because the proxy stopped or the connection was reset meanwhile.
     */
    boolean awaitRelaying(ProxiedConnection connection) {
        lock.lock();
        try {
            while (state == State.PAUSED && !connection.isEnded()) {
                relayingAllowed.awaitUninterruptibly();
            }
            return state == State.RELAYING && !connection.isEnded();
        } finally {
            lock.unlock();
        }
    }

    Socket connectToTarget() throws IOException {
        Socket target = new Socket();
        target.connect(new InetSocketAddress(targetHost, targetPort), ProxiedConnection.CONNECT_TIMEOUT_MILLIS);
        return target;
    }

    void startThread(String name, Runnable body) {
        threads.start(name, body);
    }

    String threadPrefix() {
        return "tcp-proxy-" + port();
    }

    void countFromClient(int bytes) {
        bytesFromClients.addAndGet(bytes);
    }

    void countToClient(int bytes) {
        bytesToClients.addAndGet(bytes);
    }

    void ended(ProxiedConnection connection) {
        connections.remove(connection);
    }
}

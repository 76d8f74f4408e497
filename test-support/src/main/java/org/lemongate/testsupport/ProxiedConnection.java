package org.lemongate.testsupport;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client connection through a {@link TcpProxy} and its connection to the target: an upstream thread (which
 * also connects to the target) and a downstream thread, each copying bytes one way. An orderly end of one
 * direction is passed on as a half-close; a failure in either direction resets both sockets.
 */
final class ProxiedConnection {

    static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int BUFFER_BYTES = 16 * 1024;

    private final TcpProxy proxy;
    private final Socket client;
    private final long number;
    private final AtomicBoolean ended = new AtomicBoolean();
    private Socket target;
    private int directionsFinished;

    ProxiedConnection(TcpProxy proxy, Socket client, long number) {
        this.proxy = proxy;
        this.client = client;
        this.number = number;
    }

    String threadName(String direction) {
        return proxy.threadPrefix() + "-" + number + "-" + direction;
    }

    boolean isEnded() {
        return ended.get();
    }

    /** The upstream thread's body: waits out a pause, connects to the target, then relays client to target. */
    void relayUpstream() {
        if (!proxy.awaitRelaying(this)) {
            reset();
            return;
        }
        Socket connected;
        try {
            connected = proxy.connectToTarget();
        } catch (IOException targetDown) {
            // Like a server that accepts and then drops the connection: the client reads end of stream.
            finishQuietly();
            return;
        }
        if (!attach(connected)) {
            return;
        }
        proxy.startThread(threadName("down"), () -> relay(connected, client, false));
        relay(client, connected, true);
    }

    /** Resets both sockets (SO_LINGER 0 makes close send RST); safe to call more than once, from any thread. */
    void reset() {
        end(true);
    }

    private synchronized boolean attach(Socket connected) {
        if (ended.get()) {
            abort(connected);
            return false;
        }
        target = connected;
        return true;
    }

    private void relay(Socket from, Socket to, boolean upstream) {
        byte[] buffer = new byte[BUFFER_BYTES];
        try {
            InputStream input = from.getInputStream();
            OutputStream output = to.getOutputStream();
            int read;
            while ((read = input.read(buffer)) >= 0) {
                if (!proxy.awaitRelaying(this)) {
                    reset();
                    return;
                }
                // Counted before writing, so a test that has read the bytes always sees them counted.
                if (upstream) {
                    proxy.countFromClient(read);
                } else {
                    proxy.countToClient(read);
                }
                output.write(buffer, 0, read);
                output.flush();
            }
            to.shutdownOutput();
            directionFinished();
        } catch (IOException failed) {
            reset();
        }
    }

    private void directionFinished() {
        synchronized (this) {
            directionsFinished++;
            if (directionsFinished < 2) {
                return;
            }
        }
        finishQuietly();
    }

    private void finishQuietly() {
        end(false);
    }

    private void end(boolean abruptly) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        Socket connected;
        synchronized (this) {
            connected = target;
        }
        for (Socket socket : new Socket[] {client, connected}) {
            if (abruptly) {
                abort(socket);
            } else {
                closeQuietly(socket);
            }
        }
        proxy.ended(this);
    }

    private static void abort(Socket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException alreadyClosed) {
            // closing below is all that is left to do
        }
        closeQuietly(socket);
    }

    static void closeQuietly(Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException ignored) {
            // the connection or listener is over either way
        }
    }
}

package org.lemongate.mapping.imap;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

import javax.net.SocketFactory;

import jdk.net.ExtendedSocketOptions;

/**
 * Plain IMAP sockets that acknowledge what they receive at once (Linux TCP_QUICKACK, re-armed before every read,
 * because the kernel drops back to delayed ACKs on its own).
 *
 * <p>Why: Cyrus IMAP writes a large response in several writes without TCP_NODELAY, so Nagle holds its last small
 * segment (typically the tagged OK) until the previous one is acknowledged, while the client's kernel delays that
 * acknowledgement by up to 40 ms waiting for data to piggyback it on. Every multi-segment answer then took about
 * 40 ms more: listing 50 summaries from Cyrus took 52 ms instead of 3. The client cannot turn off the server's Nagle,
 * only stop delaying its own ACKs. Where the option does not exist, the sockets behave as plain ones.
 */
final class QuickAckSocketFactory extends SocketFactory {

    private static final boolean SUPPORTED =
            new Socket().supportedOptions().contains(ExtendedSocketOptions.TCP_QUICKACK);

    /** Jakarta Mail creates the socket unconnected and connects it with its own timeout. */
    @Override
    public Socket createSocket() {
        return SUPPORTED ? new QuickAckSocket() : new Socket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        Socket socket = createSocket();
        socket.bind(new InetSocketAddress(localHost, localPort));
        socket.connect(new InetSocketAddress(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        Socket socket = createSocket();
        socket.bind(new InetSocketAddress(localAddress, localPort));
        socket.connect(new InetSocketAddress(address, port));
        return socket;
    }

    private Socket connected(InetSocketAddress address) throws IOException {
        Socket socket = createSocket();
        socket.connect(address);
        return socket;
    }

    /** A socket whose input stream asks for quick acknowledgements before each read. */
    private static final class QuickAckSocket extends Socket {

        private InputStream input;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (input == null) {
                input = new FilterInputStream(super.getInputStream()) {
                    @Override
                    public int read() throws IOException {
                        quickAck();
                        return super.read();
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        quickAck();
                        return super.read(b, off, len);
                    }
                };
            }
            return input;
        }

        private void quickAck() {
            try {
                setOption(ExtendedSocketOptions.TCP_QUICKACK, true);
            } catch (IOException closedOrUnsupported) {
                // The read that follows reports a closed socket; a missed hint only costs latency.
            }
        }
    }
}

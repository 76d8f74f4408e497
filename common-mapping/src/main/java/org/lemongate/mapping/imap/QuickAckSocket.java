package org.lemongate.mapping.imap;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

import jdk.net.ExtendedSocketOptions;

/**
 * A plain TCP socket that acknowledges what it receives at once (Linux TCP_QUICKACK, re-armed before every read,
 * because the kernel drops back to delayed ACKs on its own). The gateway's IMAP sockets are of this kind (ADR 0042).
 *
 * <p>Why: Cyrus IMAP writes a large response in several writes without TCP_NODELAY, so Nagle holds its last small
 * segment (typically the tagged OK) until the previous one is acknowledged, while the client's kernel delays that
 * acknowledgement by up to 40 ms waiting for data to piggyback it on. Every multi-segment answer then took about
 * 40 ms more: listing 50 summaries from Cyrus took 52 ms instead of 3. The client cannot turn off the server's Nagle,
 * only stop delaying its own ACKs. Where the JDK lacks the option, the socket behaves as a plain one.
 */
class QuickAckSocket extends Socket {

    private static final boolean SUPPORTED =
            new Socket().supportedOptions().contains(ExtendedSocketOptions.TCP_QUICKACK);

    private volatile InputStream input;

    @Override
    public InputStream getInputStream() throws IOException {
        if (!SUPPORTED) {
            return super.getInputStream();
        }
        InputStream in = input;
        if (in == null) {
            synchronized (this) {
                in = input;
                if (in == null) {
                    in = new QuickAckInput(super.getInputStream());
                    input = in;
                }
            }
        }
        return in;
    }

    private void quickAck() {
        try {
            setOption(ExtendedSocketOptions.TCP_QUICKACK, true);
        } catch (IOException closed) {
            // The read that follows reports the closed socket; a missed hint only costs latency.
        }
    }

    private final class QuickAckInput extends FilterInputStream {

        QuickAckInput(InputStream socketInput) {
            super(socketInput);
        }

        @Override
        public int read() throws IOException {
            quickAck();
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            quickAck();
            return in.read(b, off, len);
        }
    }
}

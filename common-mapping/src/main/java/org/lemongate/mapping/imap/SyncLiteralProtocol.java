package org.lemongate.mapping.imap;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.net.Socket;
import java.util.Optional;
import java.util.Properties;

import org.eclipse.angus.mail.iap.ByteArray;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.util.MailLogger;

/**
 * IMAPProtocol that always waits for the server's go-ahead before sending a literal, even where the server offers
 * LITERAL+ (RFC 7888). For APPEND this means the server can refuse (a missing mailbox, quota, size) before the message
 * is uploaded, and a server that hangs never receives a complete command after the gateway gave up on it: otherwise
 * a paused server would store the message once it woke up, although the client was told it failed.
 *
 * <p>It also reads a response into a buffer the caller supplies, so that a long body read reuses its chunk buffers
 * instead of having a new one of up to a megabyte allocated for every partial FETCH.
 *
 * <p>And it lends out its socket's input for a literal too long to hold in memory ({@link ImapConnection#streamLiteral},
 * ADR 0044), which Jakarta Mail would read into one array.
 */
final class SyncLiteralProtocol extends IMAPProtocol {

    /**
     * Jakarta Mail's socket, which it does not expose: read only to stream a literal. Without it (another Jakarta
     * Mail) literals are never streamed and bodies are read by partial FETCH alone.
     */
    private static final Field SOCKET = socketField();

    /** The buffer the next response is read into; null for one of the protocol's own. */
    private ByteArray nextResponseBuffer;

    SyncLiteralProtocol(String host, int port, Properties props, boolean ssl, MailLogger logger)
            throws IOException, ProtocolException {
        super("imap", host, port, props, ssl, logger);
    }

    @Override
    protected boolean supportsNonSyncLiterals() {
        return false;
    }

    /** Reads the next response into {@code buffer} (null: a new one); the response's data then lives there. */
    void readNextResponseInto(ByteArray buffer) {
        nextResponseBuffer = buffer;
    }

    /**
     * The socket's input beneath Jakarta Mail's buffers, for reading one response by hand; empty when that cannot be
     * done safely: bytes are waiting in those buffers (unsolicited news the next command would read first), or the
     * socket is out of reach. Whatever is read from it must end exactly at a response's end.
     */
    Optional<InputStream> idleSocketInput() throws IOException {
        if (SOCKET == null || getInputStream().available() > 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(((Socket) SOCKET.get(this)).getInputStream());
        } catch (IllegalAccessException | ClassCastException e) {
            return Optional.empty();
        }
    }

    private static Field socketField() {
        try {
            Field f = org.eclipse.angus.mail.iap.Protocol.class.getDeclaredField("socket");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    @Override
    protected ByteArray getResponseBuffer() {
        ByteArray supplied = nextResponseBuffer;
        if (supplied == null) {
            return super.getResponseBuffer();
        }
        nextResponseBuffer = null;
        return supplied;
    }
}

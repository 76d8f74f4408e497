package org.lemongate.mapping.imap;

import java.io.IOException;
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
 */
final class SyncLiteralProtocol extends IMAPProtocol {

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

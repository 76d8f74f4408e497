package org.lemongate.mapping.imap;

import java.io.IOException;
import java.util.Properties;

import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.util.MailLogger;

/**
 * IMAPProtocol that always waits for the server's go-ahead before sending a literal, even where the server offers
 * LITERAL+ (RFC 7888). For APPEND this means the server can refuse (a missing mailbox, quota, size) before the message
 * is uploaded, and a server that hangs never receives a complete command after the gateway gave up on it: otherwise
 * a paused server would store the message once it woke up, although the client was told it failed.
 */
final class SyncLiteralProtocol extends IMAPProtocol {

    SyncLiteralProtocol(String host, int port, Properties props, boolean ssl, MailLogger logger)
            throws IOException, ProtocolException {
        super("imap", host, port, props, ssl, logger);
    }

    @Override
    protected boolean supportsNonSyncLiterals() {
        return false;
    }
}

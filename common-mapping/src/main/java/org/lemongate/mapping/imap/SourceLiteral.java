package org.lemongate.mapping.imap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.eclipse.angus.mail.iap.Literal;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MessageSource;

/**
 * A message streamed into an IMAP literal straight from its source, never held whole in memory. Writes exactly the
 * announced number of bytes or fails: a source that yields more or fewer would desynchronise the connection.
 */
final class SourceLiteral implements Literal {

    private final MessageSource source;
    private final int size;
    private MailException failure;

    SourceLiteral(MessageSource source) {
        this.source = source;
        this.size = Math.toIntExact(source.size());
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        try (InputStream in = source.open()) {
            byte[] buffer = new byte[64 * 1024];
            long left = size;
            for (int n = read(in, buffer); n >= 0; n = read(in, buffer)) {
                if (n > left) {
                    throw mismatch("the message has more bytes than the " + size + " it announced");
                }
                out.write(buffer, 0, n);
                left -= n;
            }
            if (left > 0) {
                throw mismatch("the message ended " + left + " bytes before the " + size + " it announced");
            }
        }
    }

    private int read(InputStream in, byte[] buffer) throws IOException {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            failure = new MailException.BackendError("could not read the message to store (" + e.getMessage() + ")",
                    e);
            throw e;
        }
    }

    private IOException mismatch(String reason) {
        failure = new MailException.InvalidInput("message", reason);
        return new IOException(reason);
    }

    /**
     * Why the source, not the connection, made {@link #writeTo} fail, if it did: InvalidInput when it yielded another
     * number of bytes than announced, BackendError when reading it failed.
     */
    MailException failure() {
        return failure;
    }
}

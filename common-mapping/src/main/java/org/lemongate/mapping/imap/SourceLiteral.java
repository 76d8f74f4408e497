package org.lemongate.mapping.imap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.eclipse.angus.mail.iap.Literal;
import org.lemongate.mapping.MessageSource;

/**
 * A message streamed into an IMAP literal straight from its source, never held whole in memory. Writes exactly the
 * announced number of bytes or fails: a source that yields more or fewer would desynchronise the connection.
 */
final class SourceLiteral implements Literal {

    private final MessageSource source;
    private final int size;
    private IOException failure;

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
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (n > left) {
                    throw new IOException("the message has more bytes than the " + size + " it announced");
                }
                out.write(buffer, 0, n);
                left -= n;
            }
            if (left > 0) {
                throw new IOException("the message ended " + left + " bytes before the " + size + " it announced");
            }
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    /** Why reading the source failed during {@link #writeTo}, if it did (as opposed to the connection failing). */
    IOException failure() {
        return failure;
    }
}

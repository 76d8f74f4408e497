package org.lemongate.webdav;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies a message body to the HTTP response. The mapping layer's body streams write each IMAP chunk (up to a
 * megabyte) in one piece from where it was fetched, with no copy into a smaller buffer of ours; other streams
 * (decoded parts) write in the JDK's pieces, which the {@link #BUFFER 64 KiB} response buffer gathers so that the
 * container does not send a small packet per piece.
 */
final class BodyCopy {

    /** The response buffer asked of the container for a body. */
    static final int BUFFER = 64 * 1024;

    private BodyCopy() {
    }

    /** Copies {@code in} to its end into {@code out}; memory is what the stream holds. */
    static void copy(InputStream in, OutputStream out) throws IOException {
        in.transferTo(out);
    }
}

package org.lemongate.webdav;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies a message body to the HTTP response in large pieces. {@code InputStream.transferTo} moves 8 KiB at a
 * time, so the container flushes small buffers; a 20 MB download then costs thousands of extra write calls.
 */
final class BodyCopy {

    /** The copy buffer and the response buffer asked of the container for a body. */
    static final int BUFFER = 64 * 1024;

    private BodyCopy() {
    }

    /** Copies {@code in} to its end into {@code out}; memory is one buffer. */
    static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[BUFFER];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            out.write(buffer, 0, n);
        }
    }
}

package org.lemongate.mapping;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Rewrites bare LF and bare CR line endings to CRLF on the way through, as IMAP (RFC 9051 section 6.3.12) and SMTP
 * require of a message. Existing CRLF pairs pass unchanged.
 */
final class CrlfNormalizer extends FilterOutputStream {

    private static final byte[] CRLF = {'\r', '\n'};

    private boolean pendingCr;

    CrlfNormalizer(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        if (pendingCr) {
            pendingCr = false;
            out.write(CRLF);
            if (b == '\n') {
                return;
            }
        }
        if (b == '\r') {
            pendingCr = true;
        } else if (b == '\n') {
            out.write(CRLF);
        } else {
            out.write(b);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        // Runs without line endings go through in one piece; only line endings are handled byte by byte.
        int run = off;
        for (int i = off; i < off + len; i++) {
            if (pendingCr || b[i] == '\r' || b[i] == '\n') {
                out.write(b, run, i - run);
                write(b[i]);
                run = i + 1;
            }
        }
        out.write(b, run, off + len - run);
    }

    /** Completes a CR left pending at the very end of the input. Does not close the target. */
    void finish() throws IOException {
        if (pendingCr) {
            pendingCr = false;
            out.write(CRLF);
        }
    }
}

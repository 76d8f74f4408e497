package org.lemongate.rest;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The response body's stream to the client, telling a failed write (the client dropped its connection) apart from a
 * failure on the reading side: a write failure becomes {@link Gone}.
 */
final class ClientOutput extends FilterOutputStream {

    ClientOutput(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws Gone {
        try {
            out.write(b);
        } catch (IOException e) {
            throw new Gone(e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws Gone {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw new Gone(e);
        }
    }

    @Override
    public void flush() throws Gone {
        try {
            out.flush();
        } catch (IOException e) {
            throw new Gone(e);
        }
    }

    /** Closing is the container's job once the entity is written. */
    @Override
    public void close() {
        // The container closes its own stream; closing it here would end the response before it is complete.
    }

    /** The client is no longer there to read the body. */
    static final class Gone extends IOException {

        private static final long serialVersionUID = 1L;

        Gone(IOException cause) {
            super(cause.toString(), cause);
        }
    }
}

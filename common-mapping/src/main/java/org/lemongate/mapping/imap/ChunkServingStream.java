package org.lemongate.mapping.imap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A body stream served from one buffer at a time, which the subclass fills again and again (a FETCH response, a
 * piece read from the socket). {@link #transferTo} writes each buffer whole: no copy into a caller's smaller
 * buffer, and an HTTP container gets writes large enough to go out without extra buffering. A stream may hand over
 * to another one at its end ({@link #continuation}).
 */
abstract class ChunkServingStream extends InputStream {

    byte[] buffer = BodySlice.EMPTY.array();
    int bufferPos;
    int bufferEnd;

    /** Called when the buffer is used up: fills it again, or leaves it empty at the end. */
    abstract void refill() throws IOException;

    /** What follows this stream's own bytes once they are served; null for nothing. */
    InputStream continuation() {
        return null;
    }

    /** Serves {@code bytes} from {@code from} (inclusive) to {@code to} (exclusive) next. */
    final void serve(byte[] bytes, int from, int to) {
        buffer = bytes;
        bufferPos = from;
        bufferEnd = to;
    }

    /** Drops the buffer. */
    final void empty() {
        serve(BodySlice.EMPTY.array(), 0, 0);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (hasData()) {
            int n = Math.min(len, bufferEnd - bufferPos);
            System.arraycopy(buffer, bufferPos, b, off, n);
            bufferPos += n;
            return n;
        }
        InputStream next = continuation();
        return next == null ? -1 : next.read(b, off, len);
    }

    @Override
    public long transferTo(OutputStream out) throws IOException {
        long n = 0;
        while (hasData()) {
            int len = bufferEnd - bufferPos;
            // Taken before the write: a write that fails leaves the stream past this buffer, as a read would.
            bufferPos = bufferEnd;
            out.write(buffer, bufferEnd - len, len);
            n += len;
        }
        InputStream next = continuation();
        return next == null ? n : n + next.transferTo(out);
    }

    @Override
    public int available() throws IOException {
        InputStream next = continuation();
        return bufferPos < bufferEnd || next == null ? bufferEnd - bufferPos : next.available();
    }

    private boolean hasData() throws IOException {
        if (bufferPos < bufferEnd) {
            return true;
        }
        refill();
        return bufferPos < bufferEnd;
    }
}

package org.lemongate.compare;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * An HTTP/1.1 chunked body read straight off a socket: the chunk framing is dropped, the content passed on, and the
 * end is the last (empty) chunk. Used where the harness talks HTTP on a socket of its own (an event stream it must be
 * able to cut at once).
 */
final class ChunkedBody extends InputStream {

    /** A chunk-size line is a few hex digits and perhaps an extension; anything longer is not HTTP. */
    private static final int MAX_LINE = 1024;

    private final InputStream in;
    private long left;
    private boolean done;

    ChunkedBody(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (done) {
            return -1;
        }
        if (left == 0) {
            left = nextChunkSize();
            if (left == 0) {
                done = true;
                return -1;
            }
        }
        int n = in.read(b, off, (int) Math.min(len, left));
        if (n < 0) {
            throw new EOFException("the connection closed inside a chunk");
        }
        left -= n;
        return n;
    }

    /** The next chunk's size, past the line end that closes the previous chunk's data. */
    private long nextChunkSize() throws IOException {
        String line = readLine(in);
        if (line.isEmpty()) {
            line = readLine(in);
        }
        int extension = line.indexOf(';');
        try {
            return Long.parseLong((extension < 0 ? line : line.substring(0, extension)).strip(), 16);
        } catch (NumberFormatException e) {
            throw new IOException("not a chunk size: " + line);
        }
    }

    /** One CRLF-ended line of ASCII (status line, header, chunk size), without its end. */
    static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("the connection closed inside a line");
            }
            if (line.length() == MAX_LINE) {
                throw new IOException("line longer than " + MAX_LINE + " bytes");
            }
            line.append((char) c);
        }
        return line.toString().stripTrailing();
    }
}

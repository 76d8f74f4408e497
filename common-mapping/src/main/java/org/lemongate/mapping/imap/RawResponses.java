package org.lemongate.mapping.imap;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads IMAP responses by hand from a socket's input, for {@link ImapConnection#streamLiteral}: lines and literal
 * lengths, never a byte past the response being read, because the next command's answer belongs to Jakarta Mail.
 */
final class RawResponses {

    /** The longest response line accepted; the lines read here are a FETCH's opening and a tagged status. */
    static final int MAX_LINE = 64 * 1024;

    private RawResponses() {
    }

    /**
     * The next line without its CRLF, read a byte at a time so that nothing after it is consumed.
     *
     * @throws EOFException when the connection ends first
     * @throws IOException  when the line is longer than {@link #MAX_LINE}
     */
    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(128);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("the IMAP server closed the connection inside a response");
            }
            if (b.size() >= MAX_LINE) {
                throw new IOException("an IMAP response line is longer than " + MAX_LINE + " bytes");
            }
            b.write(c);
        }
        String line = b.toString(StandardCharsets.UTF_8);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /** The length of the literal the line announces at its end ({@code {123}}), or -1 when it announces none. */
    static long literalLength(String line) {
        if (!line.endsWith("}")) {
            return -1;
        }
        int open = line.lastIndexOf('{');
        if (open < 0 || open == line.length() - 2) {
            return -1;
        }
        long n = 0;
        for (int i = open + 1; i < line.length() - 1; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9' || n > Long.MAX_VALUE / 10 - 10) {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** Reads and drops {@code n} bytes. */
    static void skip(InputStream in, long n) throws IOException {
        byte[] sink = new byte[(int) Math.min(n, 64 * 1024)];
        for (long left = n; left > 0; ) {
            int r = in.read(sink, 0, (int) Math.min(sink.length, left));
            if (r < 0) {
                throw new EOFException("the IMAP server closed the connection inside a literal");
            }
            left -= r;
        }
    }

    /** A literal's bytes on the socket: ends where the literal ends, and fails if the connection ends before. */
    static final class Literal extends InputStream {

        private final InputStream in;
        private long left;

        Literal(InputStream in, long length) {
            this.in = in;
            this.left = length;
        }

        /** Bytes of the literal not read yet. */
        long left() {
            return left;
        }

        @Override
        public int read() throws IOException {
            if (left == 0) {
                return -1;
            }
            int c = requireData(in.read());
            left--;
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                return -1;
            }
            int n = requireData(in.read(b, off, (int) Math.min(len, left)));
            left -= n;
            return n;
        }

        private static int requireData(int read) throws EOFException {
            if (read < 0) {
                throw new EOFException("the IMAP server closed the connection inside a literal");
            }
            return read;
        }
    }
}

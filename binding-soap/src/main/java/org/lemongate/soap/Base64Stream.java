package org.lemongate.soap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Base64;

/**
 * Encodes bytes as base64 (RFC 4648, no line breaks) into a stream of ASCII bytes, a chunk at a time through one
 * reused pair of buffers. Whole chunks are a multiple of 3 bytes, so only the last one is padded. {@link #close()}
 * ends the encoded text and leaves the target open: the document around it goes on.
 */
final class Base64Stream extends OutputStream {

    /** Bytes per chunk: a multiple of 3, encoded to 16 KiB of text. */
    static final int CHUNK = 12 * 1024;

    private static final Base64.Encoder ENCODER = Base64.getEncoder();

    private final OutputStream target;
    private final byte[] raw = new byte[CHUNK];
    private final byte[] encoded = new byte[CHUNK / 3 * 4];
    private int filled;
    private long count;

    Base64Stream(OutputStream target) {
        this.target = target;
    }

    @Override
    public void write(int b) throws IOException {
        raw[filled++] = (byte) b;
        count++;
        if (filled == CHUNK) {
            encodeChunk();
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int end = off + len;
        for (int i = off; i < end; ) {
            int n = Math.min(end - i, CHUNK - filled);
            System.arraycopy(b, i, raw, filled, n);
            filled += n;
            count += n;
            i += n;
            if (filled == CHUNK) {
                encodeChunk();
            }
        }
    }

    /** Encodes everything {@code in} holds, read straight into the chunk buffer; does not close {@code in}. */
    void encodeAll(InputStream in) throws IOException {
        int n;
        while ((n = in.readNBytes(raw, filled, CHUNK - filled)) > 0) {
            filled += n;
            count += n;
            if (filled == CHUNK) {
                encodeChunk();
            }
        }
    }

    /** How many bytes were encoded (or taken to be encoded) so far. */
    long count() {
        return count;
    }

    private void encodeChunk() throws IOException {
        int n = ENCODER.encode(raw, encoded);
        target.write(encoded, 0, n);
        filled = 0;
    }

    /** Encodes the rest with its padding. Leaves the target open and does not flush it. */
    @Override
    public void close() throws IOException {
        if (filled > 0) {
            target.write(ENCODER.encode(Arrays.copyOf(raw, filled)));
            filled = 0;
        }
    }
}

package org.lemongate.rest;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A gzip stream (RFC 1952) at the fastest level whose {@link Deflater} comes from a small pool: a new Deflater sets
 * up zlib's window and tables (some 300 KB) for every response, which profiling showed as a fixed cost of each JSON
 * answer. {@link #finish()} writes the trailer and returns the Deflater; it must be called, also after a failure.
 */
final class GzipStream extends FilterOutputStream {

    private static final int POOLED = 32;
    private static final BlockingQueue<Deflater> POOL = new ArrayBlockingQueue<>(POOLED);
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private final Deflater deflater;
    private final CRC32 crc = new CRC32();
    private final byte[] buffer = new byte[8192];
    private boolean headerWritten;
    private boolean finished;

    GzipStream(OutputStream out) {
        super(out);
        Deflater pooled = POOL.poll();
        this.deflater = pooled != null ? pooled : new Deflater(Deflater.BEST_SPEED, true);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (finished) {
            throw new IOException("the gzip stream is finished");
        }
        header();
        crc.update(b, off, len);
        deflater.setInput(b, off, len);
        while (!deflater.needsInput()) {
            drain(Deflater.NO_FLUSH);
        }
    }

    /** Writes the rest of the compressed data and the trailer, and gives the Deflater back. Idempotent. */
    void finish() throws IOException {
        if (finished) {
            return;
        }
        try {
            header();
            deflater.finish();
            while (!deflater.finished()) {
                drain(Deflater.NO_FLUSH);
            }
            long size = deflater.getBytesRead();
            writeIntLe(crc.getValue());
            writeIntLe(size);
        } finally {
            release();
        }
    }

    /** Gives the Deflater back without writing anything more, after a failure. Idempotent. */
    void release() {
        if (!finished) {
            finished = true;
            deflater.reset();
            if (!POOL.offer(deflater)) {
                deflater.end();
            }
        }
    }

    /**
     * Does nothing: the answer goes out as the Deflater fills its buffer and at {@link #finish()}. JSON writers flush
     * just before the end, which would send a small chunk of its own (a socket write) ahead of the rest; and
     * deflating keeps data back until it has enough to compress well, so flushing it out early would cost ratio.
     */
    @Override
    public void flush() {
        // The container flushes the response when it completes it.
    }

    private void header() throws IOException {
        if (!headerWritten) {
            headerWritten = true;
            out.write(HEADER);
        }
    }

    private void drain(int mode) throws IOException {
        int n = deflater.deflate(buffer, 0, buffer.length, mode);
        if (n > 0) {
            out.write(buffer, 0, n);
        }
    }

    private void writeIntLe(long v) throws IOException {
        out.write((int) (v & 0xff));
        out.write((int) ((v >> 8) & 0xff));
        out.write((int) ((v >> 16) & 0xff));
        out.write((int) ((v >> 24) & 0xff));
    }
}

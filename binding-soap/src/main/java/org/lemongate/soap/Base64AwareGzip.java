package org.lemongate.soap;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A gzip stream (RFC 1952) that codes long runs of base64 text itself and leaves everything else to zlib.
 *
 * <p>zlib at its fastest level spends most of a content reply's gzip time searching base64 for repeats it rarely
 * finds, and base64 of mail content is what most of such a reply is. Deflate lets one stream mix block types, so a
 * run of at least {@link #MIN_RUN} base64 characters goes into {@link Base64Block}s (about 6 bits a character, the
 * size of the bytes it encodes, with nothing to search), and all other bytes (the XML around the content, and
 * every reply without content) go through a raw zlib {@link Deflater} at {@link Deflater#BEST_SPEED}, as before.
 * Where one kind follows the other the stream is byte-aligned: zlib's part ends with {@link Deflater#FULL_FLUSH},
 * which also makes zlib forget its history, so it never refers back into bytes it did not code; a base64 block is
 * followed by an empty stored block. The gzip header, one CRC-32 and the length cover the whole stream, and any
 * inflater reads it like any other gzip stream.
 *
 * <p>Writes may be of any size: a base64 run is recognised across them, with at most {@link #MIN_RUN} bytes held
 * back until it is clear whether a run is long enough.
 *
 * <p>The zlib {@link Deflater}s come from a small pool: a new one allocates and sets up zlib's window and tables
 * (some 300 KB of native memory) for every reply. {@link #close()} gives it back; a stream abandoned without
 * closing leaves its Deflater to the garbage collector, which frees it.
 */
final class Base64AwareGzip extends OutputStream {

    /** The shortest run of base64 characters coded as such: shorter ones are XML names and text, left to zlib. */
    static final int MIN_RUN = 512;

    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    /** Idle Deflaters kept: more than the replies a gateway compresses at once on a few cores. */
    private static final int POOLED = 32;
    private static final BlockingQueue<Deflater> POOL = new ArrayBlockingQueue<>(POOLED);

    private final OutputStream target;
    private final DeflateBits bits;
    private final Deflater zlib;
    private final CRC32 crc = new CRC32();
    private final byte[] zlibOutput = new byte[16384];
    /** Bytes not yet given to either coder; ends with {@link #run} base64 characters. */
    private final byte[] held = new byte[16384];
    private int heldLength;
    private int run;
    private long length;
    private boolean inBase64Block;
    private boolean zlibHasData;
    private boolean closed;

    Base64AwareGzip(OutputStream target) throws IOException {
        this.target = target;
        this.bits = new DeflateBits(target);
        target.write(HEADER);
        Deflater pooled = POOL.poll();
        this.zlib = pooled != null ? pooled : new Deflater(Deflater.BEST_SPEED, true);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("the gzip stream is closed");
        }
        crc.update(b, off, len);
        length += len;
        int end = off + len;
        int i = off;
        while (i < end) {
            if (inBase64Block) {
                i = Base64Block.code(bits, b, i, end);
                if (i < end) {
                    endBase64Block();
                }
            } else {
                i = hold(b, i, end);
            }
        }
    }

    /** Holds bytes for zlib until a long enough base64 run starts a block; returns where it stopped. */
    private int hold(byte[] b, int from, int end) throws IOException {
        int i = from;
        while (i < end) {
            byte next = b[i++];
            held[heldLength++] = next;
            run = Base64Block.isBase64(next) ? run + 1 : 0;
            if (run == MIN_RUN) {
                startBase64Block();
                return i;
            }
            if (heldLength == held.length) {
                deflate(heldLength - run, Deflater.NO_FLUSH);
            }
        }
        return i;
    }

    /** Ends zlib's part before the held run and codes the run so far in a new base64 block. */
    private void startBase64Block() throws IOException {
        int runStart = heldLength - run;
        if (runStart > 0 || zlibHasData) {
            deflate(runStart, Deflater.FULL_FLUSH);
        }
        Base64Block.open(bits);
        Base64Block.code(bits, held, 0, heldLength);
        heldLength = 0;
        run = 0;
        inBase64Block = true;
    }

    private void endBase64Block() throws IOException {
        Base64Block.close(bits);
        bits.alignWithEmptyStoredBlock();
        inBase64Block = false;
    }

    /** Gives zlib the first {@code count} held bytes and keeps the rest (the start of a possible run) for later. */
    private void deflate(int count, int flush) throws IOException {
        zlib.setInput(held, 0, count);
        int n;
        do {
            n = zlib.deflate(zlibOutput, 0, zlibOutput.length, flush);
            target.write(zlibOutput, 0, n);
        } while (n == zlibOutput.length || !zlib.needsInput());
        zlibHasData = flush == Deflater.NO_FLUSH;
        System.arraycopy(held, count, held, 0, heldLength - count);
        heldLength -= count;
    }

    /** Does not compress what is held: like {@link java.util.zip.GZIPOutputStream}'s default, only passes flush on. */
    @Override
    public void flush() throws IOException {
        target.flush();
    }

    /**
     * Ends the deflate stream with zlib's last block, writes the gzip trailer, and closes the target. The Deflater
     * goes back to the pool, also when writing fails.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (inBase64Block) {
                endBase64Block();
            }
            zlib.setInput(held, 0, heldLength);
            zlib.finish();
            while (!zlib.finished()) {
                int n = zlib.deflate(zlibOutput);
                target.write(zlibOutput, 0, n);
            }
            writeInt((int) crc.getValue());
            writeInt((int) length);
            target.close();
        } finally {
            zlib.reset();
            if (!POOL.offer(zlib)) {
                zlib.end();
            }
        }
    }

    private void writeInt(int value) throws IOException {
        target.write(new byte[] {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)});
    }
}

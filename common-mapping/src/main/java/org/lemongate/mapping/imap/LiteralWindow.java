package org.lemongate.mapping.imap;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * The hand-over between a connection reading a long literal from the IMAP socket and the caller writing it to its
 * client (ADR 0044): at most {@link #PIECES} pieces of {@link #PIECE} bytes in memory. The reader waits for the
 * caller to free a piece, but only for {@link #PATIENCE} in all: then, or when the caller has gone, it stops
 * reading, so that a slow or vanished client holds the pooled connection for a bounded time; the caller continues
 * from where the reader stopped by other means.
 */
final class LiteralWindow {

    /** Bytes per piece: one socket read fills it in a few calls, one HTTP write sends it. */
    static final int PIECE = 256 * 1024;
    /** Pieces in memory at most (2 MiB, as much as two chunks fetched ahead held before). */
    static final int PIECES = 8;
    /** How long in all the reader waits for the caller before it stops. */
    static final Duration PATIENCE = Duration.ofSeconds(1);

    /** A filled piece. */
    record Piece(byte[] bytes, int length) {
    }

    private final long patienceNanos;
    private final ArrayDeque<Piece> filled = new ArrayDeque<>();
    private final ArrayDeque<byte[]> free = new ArrayDeque<>();
    private int allocated;
    private long waitedNanos;
    private long received;
    private boolean finished;
    private boolean stopped;
    private boolean closed;
    private RuntimeException failure;

    LiteralWindow() {
        this(PATIENCE);
    }

    LiteralWindow(Duration patience) {
        this.patienceNanos = patience.toNanos();
    }

    // The reader's side.

    /**
     * Reads the whole literal into the window, piece by piece, unless the caller goes or is too slow. The reader
     * then calls {@link #finish} or {@link #stop} once its connection is released, so that a caller who has read
     * everything finds the connection free.
     *
     * @return whether the literal was read to its end
     */
    boolean fill(long length, InputStream literal) throws IOException {
        for (long done = 0; done < length; ) {
            byte[] piece = emptyPiece();
            if (piece == null) {
                return false;
            }
            int want = (int) Math.min(piece.length, length - done);
            int n = literal.readNBytes(piece, 0, want);
            if (n < want) {
                throw new java.io.EOFException("the literal ended early");
            }
            put(piece, n);
            done += n;
        }
        return true;
    }

    /** A piece to fill, waiting for one to be freed; null when the caller has gone or the patience is spent. */
    synchronized byte[] emptyPiece() {
        while (!closed) {
            if (!free.isEmpty()) {
                return free.poll();
            }
            if (allocated < PIECES) {
                allocated++;
                return new byte[PIECE];
            }
            long left = patienceNanos - waitedNanos;
            if (left <= 0) {
                break;
            }
            long start = System.nanoTime();
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            waitedNanos += System.nanoTime() - start;
        }
        return null;
    }

    synchronized void put(byte[] piece, int length) {
        if (closed) {
            return;
        }
        filled.add(new Piece(piece, length));
        received += length;
        notifyAll();
    }

    /** The reader delivered the whole literal. */
    synchronized void finish() {
        finished = true;
        notifyAll();
    }

    /**
     * The reader is done: unless it called {@link #finish} or {@link #fail} before, it stopped at
     * {@link #received()} and the caller goes on by other means.
     */
    synchronized void stop() {
        stopped = true;
        notifyAll();
    }

    /** The read failed; the caller gets the failure once the pieces before it are served. */
    synchronized void fail(RuntimeException e) {
        failure = e;
        notifyAll();
    }

    // The caller's side.

    /**
     * The next piece, waiting for it; null at the end of what the reader delivers (see {@link #isComplete}).
     *
     * @throws RuntimeException the reader's failure, after the pieces read before it
     */
    synchronized Piece next() throws InterruptedException {
        while (filled.isEmpty() && !finished && !stopped && failure == null) {
            wait();
        }
        if (!filled.isEmpty()) {
            return filled.poll();
        }
        if (failure != null) {
            throw failure;
        }
        return null;
    }

    /** Gives a served piece back for the reader to fill again. */
    synchronized void recycle(byte[] piece) {
        free.add(piece);
        notifyAll();
    }

    /** Whether the reader delivered the whole literal; false when it stopped early. Meaningful after next() is null. */
    synchronized boolean isComplete() {
        return finished;
    }

    /** Bytes the reader delivered. */
    synchronized long received() {
        return received;
    }

    /** Whether the caller has gone. */
    synchronized boolean isClosed() {
        return closed;
    }

        /** The caller is gone: the reader stops at its next piece, and the pieces are dropped. */
    synchronized void close() {
        closed = true;
        filled.clear();
        free.clear();
        notifyAll();
    }
}

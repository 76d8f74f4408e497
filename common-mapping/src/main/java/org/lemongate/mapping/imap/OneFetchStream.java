package org.lemongate.mapping.imap;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MessageRef;

/**
 * A long read of a raw message: the first chunk, fetched with the size, then the rest in one FETCH whose literal
 * streams from the IMAP socket through a {@link LiteralWindow} (ADR 0044) on a {@link ReadAhead} worker. For a
 * 20 MB message Dovecot serves one FETCH in about half the time of 1 MiB partial FETCHes, which it converts to CRLF
 * and seeks one by one.
 *
 * <p>Where the window stops short (the caller was slower than its patience allows) the rest is read by partial
 * FETCH from there, as a read without a free worker does from the start ({@link PartialFetchStream}). Memory is the
 * first chunk and the window's pieces.
 */
final class OneFetchStream extends ChunkServingStream {

    private final Imap imap;
    private final MessageRef ref;
    private final int chunk;
    /** Where the rest starts in the message, and how long it is. */
    private final long restAt;
    private final long restLength;
    private final LiteralWindow window = new LiteralWindow();
    /** The window's piece being served, given back once served. */
    private byte[] piece;
    private boolean windowDone;
    /** The rest after where the window stopped, by partial FETCH; null until then. */
    private InputStream partial;

    private OneFetchStream(Imap imap, MessageRef ref, BodySlice first, long firstLength, long offset, long length,
                           int chunk) {
        this.imap = imap;
        this.ref = ref;
        this.chunk = chunk;
        this.restAt = offset + firstLength;
        this.restLength = length - firstLength;
        serve(first.array(), first.offset(), first.offset() + (int) firstLength);
    }

    /**
     * The stream of {@code length} bytes from {@code offset}, of which {@code first} holds the start. The rest
     * streams in one FETCH when it is longer than a chunk and a worker is free, else by partial FETCH.
     */
    static InputStream open(Imap imap, MessageRef ref, BodySlice first, long offset, long length, int chunk) {
        long firstLength = Math.min(first.length(), length);
        if (length - firstLength > chunk) {
            OneFetchStream s = new OneFetchStream(imap, ref, first, firstLength, offset, length, chunk);
            if (imap.readAhead().start(s::readRest).isPresent()) {
                return s;
            }
        }
        return new PartialFetchStream(imap, ref, "", offset, length, chunk).startingWith(first);
    }

    /** The worker's part: the rest in one FETCH, into the window. */
    private Void readRest() {
        String what = "read message " + ref.localId() + " in mailbox '" + ref.mailbox() + "'";
        String cmd = "UID FETCH " + ref.uid() + " (BODY.PEEK[]<" + restAt + "." + restLength + ">)";
        AtomicBoolean whole = new AtomicBoolean();
        try {
            ImapConnection.Streamed done = imap.readOnce(what, c -> {
                if (window.isClosed()) {
                    return ImapConnection.Streamed.NOT_POSSIBLE; // the caller left before the worker started
                }
                // The first chunk caught up with other sessions; the bytes of a UID never change.
                c.selectForContinuation(ref);
                return c.streamLiteral(cmd, (length, literal) ->
                        whole.set(window.fill(Math.min(length, restLength), literal)));
            });
            // Told only now that the connection is back in the pool.
            if (done == ImapConnection.Streamed.NO_LITERAL) {
                window.fail(MessageQueries.notFound(ref));
            } else if (whole.get()) {
                window.finish();
            }
        } catch (RuntimeException e) {
            window.fail(e);
        } finally {
            // Whatever happened, the caller never waits for more: without finish or failure it goes on alone.
            window.stop();
        }
        return null;
    }

    @Override
    InputStream continuation() {
        return partial;
    }

    /**
     * Gives the served piece back and takes the window's next one; at the window's end, checks that it delivered
     * the whole rest or sets up the partial FETCH of what it did not.
     */
    @Override
    void refill() throws IOException {
        if (piece != null) {
            window.recycle(piece);
            piece = null;
        }
        if (windowDone) {
            return;
        }
        LiteralWindow.Piece next;
        try {
            next = window.next();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading message " + ref.localId());
        } catch (MailException e) {
            throw new IOException("reading message " + ref.localId() + " from the IMAP server failed: "
                    + e.getMessage(), e);
        }
        if (next != null) {
            piece = next.bytes();
            serve(piece, 0, next.length());
            return;
        }
        windowDone = true;
        long received = window.received();
        if (window.isComplete()) {
            if (received < restLength) {
                throw new IOException("message " + ref.localId() + " ended " + (restLength - received)
                        + " bytes early on the IMAP server");
            }
            return;
        }
        partial = new PartialFetchStream(imap, ref, "", restAt + received, restLength - received, chunk)
                .afterCatchUp();
    }

    /** Drops what is held; the worker stops reading at its next piece and releases its connection. */
    @Override
    public void close() throws IOException {
        windowDone = true;
        window.close();
        empty();
        piece = null;
        if (partial != null) {
            partial.close();
        }
    }
}

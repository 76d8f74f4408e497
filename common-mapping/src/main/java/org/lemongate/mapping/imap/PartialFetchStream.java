package org.lemongate.mapping.imap;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.eclipse.angus.mail.iap.ByteArray;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MessageRef;

/**
 * Reads a message section by IMAP partial FETCH ({@code BODY.PEEK[section]<offset.count>}), one bounded chunk at a
 * time, leasing a pooled connection per chunk so that a slow HTTP client never pins an IMAP connection. Memory use
 * is one chunk whatever the size of the message.
 *
 * <p>A read that goes on past its first chunk is a long sequential one: each further FETCH asks for twice as much,
 * up to {@value #GROWTH} times the configured chunk. Short reads and ranges stay as small as configured, while a
 * large download spends fewer round trips (on loopback Dovecot 1 MB chunks read a 20 MB message about a fifth
 * faster than 256 kB ones; larger ones add little).
 *
 * <p>While the caller consumes a chunk, the next one is already being fetched on a {@link ReadAhead} worker (one
 * chunk ahead, no more), so the IMAP transfer overlaps the caller's writing instead of adding to it. Memory is then
 * two chunks; with no worker free the stream fetches on the caller's thread.
 */
final class PartialFetchStream extends ChunkServingStream {

    /** How many times the configured chunk a sequential read grows to. */
    static final int GROWTH = 4;
    /** Room in a chunk buffer besides the data: the FETCH response line and its closing parenthesis. */
    private static final int RESPONSE_ROOM = 4096;

    private final Imap imap;
    private final MessageRef ref;
    private final String section;
    private final int chunk;
    private final int largestChunk;
    private int nextChunk;
    private long position;
    private long remaining;
    private boolean ended;
    /** Whether a chunk was fetched already, so that the next one continues it (see {@link #fill}). */
    private boolean continuing;
    /** The next chunk, being fetched on a worker; null when none is. */
    private Future<BodySlice> ahead;
    private int aheadWant;
    private ByteArray aheadInto;
    /**
     * The two buffers FETCH responses are read into, reused along the read: the one holding the chunk being served
     * (null while that is the first chunk, which the protocol read into one of its own), and the other one.
     */
    private ByteArray serving;
    private ByteArray spare;

    /**
     * @param section   the IMAP section ("" for the whole message, "1.2" for a part)
     * @param offset    the first byte to read
     * @param maxLength how many bytes to read at most; the stream also ends where the server's data ends
     */
    PartialFetchStream(Imap imap, MessageRef ref, String section, long offset, long maxLength, int chunk) {
        this.imap = imap;
        this.ref = ref;
        this.section = section;
        this.chunk = chunk;
        this.largestChunk = (int) Math.min((long) chunk * GROWTH, Integer.MAX_VALUE - 8);
        this.nextChunk = chunk;
        this.position = offset;
        this.remaining = maxLength;
    }

    /**
     * Starts the stream with bytes already fetched from {@code offset} (the first chunk of a combined FETCH); the
     * stream continues after them.
     */
    PartialFetchStream startingWith(BodySlice first) {
        int n = (int) Math.min(first.length(), remaining);
        serve(first, n);
        if (first.length() < Math.min(chunk, remaining + n)) {
            ended = true;
        }
        fetchAhead();
        return this;
    }

    private void serve(BodySlice data, int n) {
        continuing = true;
        serve(data.array(), data.offset(), data.offset() + n);
        position += n;
        remaining -= n;
    }

    /**
     * Makes even the first chunk continue the caller's operation, which has just caught up on the message's mailbox
     * (read its structure, say): no second catch-up NOOP for it.
     */
    PartialFetchStream afterCatchUp() {
        continuing = true;
        return this;
    }

    /** Fetches the first chunk now, so that a missing message fails before any response is committed. */
    PartialFetchStream prefetch() {
        if (remaining > 0) {
            fill();
        }
        return this;
    }

    /** Fetches the next chunk, unless the section has ended. */
    @Override
    void refill() throws IOException {
        if (ended || remaining <= 0) {
            return;
        }
        try {
            fill();
        } catch (MailException e) {
            throw new IOException("reading message " + ref.localId() + " from the IMAP server failed: "
                    + e.getMessage(), e);
        }
    }

    /** Drops the chunks held; a fetch under way on a worker still completes and releases its connection. */
    @Override
    public void close() {
        ended = true;
        ahead = null;
        aheadInto = null;
        serving = null;
        spare = null;
        empty();
    }

    private void fill() {
        int want;
        BodySlice data;
        ByteArray into;
        if (ahead != null) {
            want = aheadWant;
            into = aheadInto;
            data = await(ahead);
            ahead = null;
        } else {
            want = (int) Math.min(nextChunk, remaining);
            into = takeSpare(want);
            data = fetch(position, want, !continuing, into);
        }
        // The chunk served until now is consumed: its buffer is free for the next FETCH.
        spare = serving;
        serving = into;
        serve(data, Math.min(data.length(), want));
        if (data.length() < want) {
            ended = true;
        }
        nextChunk = (int) Math.min((long) nextChunk * 2, largestChunk);
        fetchAhead();
    }

    /** Starts fetching the chunk after the one just served, when there is one and a worker is free. */
    private void fetchAhead() {
        if (ended || remaining <= 0) {
            return;
        }
        long at = position;
        int want = (int) Math.min(nextChunk, remaining);
        ByteArray into = takeSpare(want);
        imap.readAhead().start(() -> fetch(at, want, false, into)).ifPresentOrElse(f -> {
            ahead = f;
            aheadWant = want;
            aheadInto = into;
        }, () -> spare = into);
    }

    /** The spare buffer when it can hold a chunk of {@code want} bytes, else a new one that can. */
    private ByteArray takeSpare(int want) {
        ByteArray b = spare;
        spare = null;
        return b != null && b.getBytes().length >= want + RESPONSE_ROOM ? b : new ByteArray(want + RESPONSE_ROOM);
    }

    private BodySlice await(Future<BodySlice> next) {
        try {
            return next.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailException.BackendUnavailable("interrupted while reading message " + ref.localId(),
                    Failures.RETRY_AFTER, false, e);
        }
    }

    /**
     * One partial FETCH of {@code want} bytes at {@code at}, read into {@code into}; {@code first} when it opens the
     * read.
     */
    private BodySlice fetch(long at, int want, boolean first, ByteArray into) {
        return imap.read("read message " + ref.localId() + " in mailbox '" + ref.mailbox() + "'", c -> {
            // Only the first chunk needs the catch-up: a message deleted before the read began must not be served.
            if (first) {
                c.selectFor(ref);
            } else {
                c.selectForContinuation(ref);
            }
            String cmd = "UID FETCH " + ref.uid() + " (BODY.PEEK[" + section + "]<" + at + "." + want + ">)";
            for (Response r : c.fetchInto(cmd, into)) {
                if (r instanceof FetchResponse f && SummaryReader.uid(f) == ref.uid() && f.getItem(BODY.class) != null) {
                    return BodySlice.of(f);
                }
            }
            throw MessageQueries.notFound(ref);
        });
    }
}

package org.lemongate.mapping.imap;

import java.io.IOException;
import java.io.InputStream;

import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MessageRef;

/**
 * Reads a message section by IMAP partial FETCH ({@code BODY.PEEK[section]<offset.count>}), one bounded chunk at a
 * time, leasing a pooled connection per chunk so that a slow HTTP client never pins an IMAP connection. Memory use
 * is one chunk whatever the size of the message.
 */
final class PartialFetchStream extends InputStream {

    private final Imap imap;
    private final MessageRef ref;
    private final String section;
    private final int chunk;
    private long position;
    private long remaining;
    private byte[] buffer = new byte[0];
    private int bufferPos;
    private int bufferEnd;
    private boolean ended;
    /** Whether a chunk was fetched already, so that the next one continues it (see {@link #fill}). */
    private boolean continuing;

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
        return this;
    }

    private void serve(BodySlice data, int n) {
        continuing = true;
        buffer = data.array();
        bufferPos = data.offset();
        bufferEnd = data.offset() + n;
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

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (bufferPos == bufferEnd) {
            if (ended || remaining <= 0) {
                return -1;
            }
            try {
                fill();
            } catch (MailException e) {
                throw new IOException("reading message " + ref.localId() + " from the IMAP server failed: "
                        + e.getMessage(), e);
            }
            if (bufferPos == bufferEnd) {
                return -1;
            }
        }
        int n = Math.min(len, bufferEnd - bufferPos);
        System.arraycopy(buffer, bufferPos, b, off, n);
        bufferPos += n;
        return n;
    }

    @Override
    public int available() {
        return bufferEnd - bufferPos;
    }

    private void fill() {
        int want = (int) Math.min(chunk, remaining);
        boolean first = !continuing;
        BodySlice data = imap.read("read message " + ref.localId() + " in mailbox '" + ref.mailbox() + "'", c -> {
            // Only the first chunk needs the catch-up: a message deleted before the read began must not be served.
            if (first) {
                c.selectFor(ref);
            } else {
                c.selectForContinuation(ref);
            }
            String cmd = "UID FETCH " + ref.uid() + " (BODY.PEEK[" + section + "]<" + position + "." + want + ">)";
            for (Response r : c.command(cmd, null)) {
                if (r instanceof FetchResponse f && SummaryReader.uid(f) == ref.uid() && f.getItem(BODY.class) != null) {
                    return BodySlice.of(f);
                }
            }
            throw MessageQueries.notFound(ref);
        });
        serve(data, Math.min(data.length(), want));
        if (data.length() < want) {
            ended = true;
        }
    }
}

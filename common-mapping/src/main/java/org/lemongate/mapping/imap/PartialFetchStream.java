package org.lemongate.mapping.imap;

import java.io.IOException;
import java.io.InputStream;

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
    private boolean ended;

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
    PartialFetchStream startingWith(byte[] first) {
        int n = (int) Math.min(first.length, remaining);
        buffer = n == first.length ? first : java.util.Arrays.copyOf(first, n);
        bufferPos = 0;
        position += n;
        remaining -= n;
        if (first.length < Math.min(chunk, remaining + n)) {
            ended = true;
        }
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
        if (bufferPos == buffer.length) {
            if (ended || remaining <= 0) {
                return -1;
            }
            try {
                fill();
            } catch (MailException e) {
                throw new IOException("reading message " + ref.localId() + " from the IMAP server failed: "
                        + e.getMessage(), e);
            }
            if (buffer.length == 0) {
                return -1;
            }
        }
        int n = Math.min(len, buffer.length - bufferPos);
        System.arraycopy(buffer, bufferPos, b, off, n);
        bufferPos += n;
        return n;
    }

    @Override
    public int available() {
        return buffer.length - bufferPos;
    }

    private void fill() {
        int want = (int) Math.min(chunk, remaining);
        byte[] data = imap.read("read message " + ref.localId() + " in mailbox '" + ref.mailbox() + "'", c -> {
            c.selectFor(ref);
            String cmd = "UID FETCH " + ref.uid() + " (BODY.PEEK[" + section + "]<" + position + "." + want + ">)";
            for (Response r : c.command(cmd, null)) {
                if (r instanceof FetchResponse f && SummaryReader.uid(f) == ref.uid()) {
                    BODY body = f.getItem(BODY.class);
                    if (body != null) {
                        ByteArray ba = body.getByteArray();
                        return ba == null ? new byte[0] : ba.getNewBytes();
                    }
                }
            }
            throw MessageQueries.notFound(ref);
        });
        buffer = data;
        bufferPos = 0;
        position += data.length;
        remaining -= data.length;
        if (data.length < want) {
            ended = true;
        }
    }
}

package org.lemongate.mapping;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;

/**
 * A message to append or submit, whose exact size is known before it is sent (IMAP APPEND announces the literal's
 * length first). {@link SpooledMessage} makes one from an upload without holding it in memory.
 */
public interface MessageSource {

    /** The exact number of bytes {@link #open()} yields. */
    long size();

    /** A new stream over the message's bytes; may be called more than once. */
    InputStream open() throws IOException;

    /**
     * {@code source} with {@code prefix} (complete CRLF-terminated header lines) in front, streamed from both when
     * opened: how the gateway adds header fields to a message without copying it.
     */
    static MessageSource prefixed(byte[] prefix, MessageSource source) {
        byte[] head = prefix.clone();
        return new MessageSource() {
            @Override
            public long size() {
                return head.length + source.size();
            }

            @Override
            public InputStream open() throws IOException {
                return new SequenceInputStream(new ByteArrayInputStream(head), source.open());
            }
        };
    }
}

package org.lemongate.mapping;

import java.io.IOException;
import java.io.InputStream;

/**
 * A message to append or submit, whose exact size is known before it is sent (IMAP APPEND announces the literal's
 * length first). {@link SpooledMessage} makes one from an upload without holding it in memory.
 */
public interface MessageSource {

    /** The exact number of bytes {@link #open()} yields. */
    long size();

    /** A new stream over the message's bytes; may be called more than once. */
    InputStream open() throws IOException;
}

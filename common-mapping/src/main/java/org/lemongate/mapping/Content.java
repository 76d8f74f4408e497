package org.lemongate.mapping;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Streamed message or part content. The stream reads from IMAP in bounded chunks (partial FETCH) as it is consumed;
 * nothing is held whole in memory. Close it when done.
 *
 * @param stream      the bytes of the selected range
 * @param contentType the media type to serve it as, with a charset parameter where one applies
 * @param filename    the file name to offer, when the part has one
 * @param offset      where the selected range starts within the whole content
 * @param length      how many bytes {@link #stream()} yields, when known in advance
 * @param totalLength the size of the whole content, when known in advance (raw messages: always)
 */
public record Content(InputStream stream, String contentType, Optional<String> filename, long offset,
                      OptionalLong length, OptionalLong totalLength) implements Closeable {

    public Content {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(length, "length");
        Objects.requireNonNull(totalLength, "totalLength");
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}

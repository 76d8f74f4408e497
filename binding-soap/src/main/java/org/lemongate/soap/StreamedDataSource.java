package org.lemongate.soap;

import java.io.InputStream;
import java.io.OutputStream;

import jakarta.activation.DataSource;

import org.lemongate.mapping.Content;

/**
 * Content read from IMAP as it is written out as an MTOM attachment. It can be read once; the writer closes the
 * stream, which ends the partial FETCHes.
 */
final class StreamedDataSource implements DataSource {

    private final Content content;

    StreamedDataSource(Content content) {
        this.content = content;
    }

    @Override
    public InputStream getInputStream() {
        return content.stream();
    }

    @Override
    public OutputStream getOutputStream() {
        throw new UnsupportedOperationException("content from the mail server is read-only");
    }

    @Override
    public String getContentType() {
        return "application/octet-stream";
    }

    @Override
    public String getName() {
        return content.filename().orElse("content");
    }
}

package org.lemongate.webdav;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.lemongate.mapping.MailException;

/**
 * A PUT body copied as it is, byte for byte (in memory up to {@link #MEMORY_BYTES}, beyond that in a temporary file
 * deleted on {@link #close}), bounded by the upload limit, and inspected on the way: whether IMAP would store it
 * unchanged as a message. That holds for a header section of well-formed fields ended by an empty line, CRLF line
 * ends only (servers rewrite bare LF and CR) and no NUL; anything else is wrapped ({@link WrappedFile}).
 */
final class RawUpload implements AutoCloseable {

    /** Bodies up to this size stay in memory. */
    static final int MEMORY_BYTES = 256 * 1024;

    private final byte[] memory;
    private final Path file;
    private final long size;
    private final boolean plainMail;

    private RawUpload(byte[] memory, Path file, long size, boolean plainMail) {
        this.memory = memory;
        this.file = file;
        this.size = size;
        this.plainMail = plainMail;
    }

    /**
     * Reads the whole body.
     *
     * @throws MailException.TooLarge when it exceeds {@code maxBytes} (reading stops there)
     */
    static RawUpload read(InputStream in, long maxBytes) throws IOException {
        MailShape shape = new MailShape();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        Path file = null;
        OutputStream spill = null;
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > maxBytes) {
                    throw new MailException.TooLarge("the file is larger than the " + maxBytes
                            + " bytes this gateway accepts", maxBytes);
                }
                shape.feed(buffer, n);
                if (spill == null && head.size() + n > MEMORY_BYTES) {
                    file = Files.createTempFile("lemongate-dav-", ".upload");
                    spill = Files.newOutputStream(file);
                    head.writeTo(spill);
                }
                if (spill != null) {
                    spill.write(buffer, 0, n);
                } else {
                    head.write(buffer, 0, n);
                }
            }
            if (spill != null) {
                spill.close();
            }
        } catch (IOException | RuntimeException e) {
            if (spill != null) {
                spill.close();
            }
            if (file != null) {
                Files.deleteIfExists(file);
            }
            throw e;
        }
        return new RawUpload(file == null ? head.toByteArray() : null, file, total, shape.isPlainMail());
    }

    /** The number of bytes received. */
    long size() {
        return size;
    }

    /** Whether IMAP stores these bytes unchanged as a message. */
    boolean isPlainMail() {
        return plainMail;
    }

    /** A new stream over the bytes received. */
    InputStream open() throws IOException {
        return file == null ? new ByteArrayInputStream(memory) : Files.newInputStream(file);
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }

    /** Follows the bytes to decide whether they are a message IMAP keeps as it is. */
    private static final class MailShape {
        private boolean broken;
        private boolean inHeader = true;
        private boolean lineStart = true;
        private boolean sawColon;
        private boolean continuation;
        private int previous = -1;
        private boolean headerEnded;
        private long count;

        void feed(byte[] bytes, int n) {
            for (int i = 0; i < n && !broken; i++) {
                step(bytes[i] & 0xFF);
            }
        }

        private void step(int b) {
            count++;
            if (b == 0 || b == '\n' && previous != '\r' || previous == '\r' && b != '\n') {
                broken = true;
                return;
            }
            if (inHeader) {
                header(b);
            }
            previous = b;
        }

        private void header(int b) {
            if (lineStart) {
                lineStart = false;
                if (b == '\r') {
                    // An empty line ends the header section, unless it is the very first line.
                    broken = count == 1;
                    headerEnded = !broken;
                    inHeader = false;
                    return;
                }
                continuation = b == ' ' || b == '\t';
                broken = continuation && count == 1;
                sawColon = false;
            }
            if (b == '\n') {
                lineStart = true;
                return;
            }
            if (!continuation && !sawColon && b != '\r') {
                if (b == ':') {
                    sawColon = previous != '\n' && previous != -1;
                } else if (b < 33 || b > 126) {
                    broken = true;
                }
            }
            if (b == '\r' && !continuation && !sawColon) {
                broken = true;
            }
        }

        boolean isPlainMail() {
            return !broken && headerEnded && previous != '\r';
        }
    }
}

package org.lemongate.mapping;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An uploaded message, copied once from the client's stream so that its exact size is known before IMAP APPEND or
 * SMTP DATA: small ones in memory, larger ones in a temporary file that {@link #close()} deletes.
 *
 * <p>While copying, bare LF and bare CR line endings become CRLF (so {@link #size()} is the size the IMAP server
 * stores), and the message is checked to look like RFC 5322: not empty, starting with a header section of
 * {@code Name: value} fields (folded lines allowed) without NUL bytes, ended by an empty line or the end of the
 * message within 1 MiB. Anything else is refused with {@link MailException.InvalidInput} for field {@code message},
 * saying which line is wrong; more than the allowed size with {@link MailException.TooLarge}. A refused upload leaves
 * no file behind.
 */
public final class SpooledMessage implements MessageSource, AutoCloseable {

    private final long size;
    private volatile byte[] memory;
    private final Path file;
    private volatile boolean closed;

    private SpooledMessage(long size, byte[] memory, Path file) {
        this.size = size;
        this.memory = memory;
        this.file = file;
    }

    /**
     * Copies a message from {@code in} (which is read to its end, or until a limit is passed, and not closed).
     *
     * @param in              the upload
     * @param maxBytes        the largest message accepted, counted after line endings are normalised
     * @param memoryThreshold messages up to this many bytes stay in memory; larger ones go to a file
     * @param spoolDir        the directory for that file
     * @throws MailException.TooLarge     when the message exceeds {@code maxBytes}; reading stops there
     * @throws MailException.InvalidInput when it is empty or does not start with a header section
     * @throws IOException                when reading {@code in} or writing the spool file fails
     */
    public static SpooledMessage spool(InputStream in, long maxBytes, int memoryThreshold, Path spoolDir)
            throws IOException {
        Objects.requireNonNull(in, "in");
        return write(in::transferTo, maxBytes, memoryThreshold, spoolDir);
    }

    /** What writes a message into the spool, for {@link #write}. */
    @FunctionalInterface
    public interface Writer {
        /** Writes the whole message to {@code out} (and does not close it). */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Spools a message that {@code writer} produces, such as one the gateway composes, normalised, checked and
     * bounded exactly as {@link #spool} treats an upload.
     *
     * @throws MailException.TooLarge     when the message exceeds {@code maxBytes}; writing stops there
     * @throws MailException.InvalidInput when it is empty or does not start with a header section
     * @throws IOException                when the writer or the spool file fails
     */
    public static SpooledMessage write(Writer writer, long maxBytes, int memoryThreshold, Path spoolDir)
            throws IOException {
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(spoolDir, "spoolDir");
        if (maxBytes < 1 || memoryThreshold < 0) {
            throw new IllegalArgumentException("maxBytes must be positive and memoryThreshold not negative");
        }
        Spool spool = new Spool(maxBytes, memoryThreshold, spoolDir);
        try {
            HeaderCheck headers = new HeaderCheck(spool);
            CrlfNormalizer lines = new CrlfNormalizer(headers);
            writer.writeTo(lines);
            lines.finish();
            headers.finish();
            spool.close();
            if (spool.size() == 0) {
                throw new MailException.InvalidInput("message", "the message is empty");
            }
            return new SpooledMessage(spool.size(), spool.memory(), spool.file());
        } catch (IOException | RuntimeException e) {
            spool.discard();
            throw e;
        }
    }

    /**
     * A message from bytes already in memory, normalised and checked like {@link #spool}; for small content such as
     * a message composed by the gateway or a test.
     */
    public static SpooledMessage of(byte[] content) {
        long worstCase = Math.max(1, 2L * content.length);
        try {
            return spool(new ByteArrayInputStream(content), worstCase, (int) Math.min(Integer.MAX_VALUE - 8, worstCase),
                    Path.of(System.getProperty("java.io.tmpdir")));
        } catch (IOException e) {
            throw new UncheckedIOException("reading a byte array cannot fail", e);
        }
    }

    /**
     * Checks a message from any source as {@link #spool} checks an upload (not empty, an RFC 5322 header section)
     * and that it yields exactly {@link MessageSource#size()} bytes, by reading it once. A {@code SpooledMessage}
     * passed its check when it was made and is not read again. Other sources are not normalised: their bytes are
     * stored as they are.
     *
     * @throws MailException.InvalidInput for field {@code message} when the check fails
     * @throws IOException                when reading the source fails
     */
    public static void check(MessageSource source) throws IOException {
        if (source instanceof SpooledMessage) {
            return;
        }
        HeaderCheck headers = new HeaderCheck(OutputStream.nullOutputStream());
        CrlfNormalizer lines = new CrlfNormalizer(headers);
        long count;
        try (InputStream in = source.open()) {
            count = in.transferTo(lines);
        }
        lines.finish();
        headers.finish();
        if (count == 0) {
            throw new MailException.InvalidInput("message", "the message is empty");
        }
        if (count != source.size()) {
            throw new MailException.InvalidInput("message", "the message has " + count + " bytes, not the "
                    + source.size() + " it announced");
        }
    }

    @Override
    public long size() {
        return size;
    }

    /**
     * A new stream over the normalised message; may be called any number of times until {@link #close()}.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    @Override
    public InputStream open() throws IOException {
        byte[] m = memory;
        if (closed) {
            throw new IllegalStateException("the spooled message was closed");
        }
        if (m != null) {
            return new ByteArrayInputStream(m, 0, (int) size);
        }
        return new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
    }

    /** Deletes the spool file, if there is one; idempotent. */
    @Override
    public void close() {
        closed = true;
        memory = null;
        Spool.deleteFile(file);
    }

    @Override
    public String toString() {
        return "SpooledMessage[size=" + size + (file == null ? ", in memory]" : ", spooled to disk]");
    }
}

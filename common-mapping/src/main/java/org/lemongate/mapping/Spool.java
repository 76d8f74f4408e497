package org.lemongate.mapping;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where an upload's bytes go: memory up to a threshold, then a temporary file (holding everything) in the spool
 * directory. Refuses to take more than the maximum, so an endless upload stops at the limit.
 */
final class Spool extends OutputStream {

    private final long maxBytes;
    private final int threshold;
    private final Path directory;
    private byte[] memory;
    private long size;
    private Path file;
    private OutputStream fileOut;

    Spool(long maxBytes, int threshold, Path directory) {
        this.maxBytes = maxBytes;
        this.threshold = threshold;
        this.directory = directory;
        this.memory = new byte[Math.min(threshold, 8192)];
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (size + len > maxBytes) {
            throw new MailException.TooLarge("the message is larger than the limit of " + maxBytes + " bytes",
                    maxBytes);
        }
        if (file == null && size + len > threshold) {
            spill();
        }
        if (file != null) {
            fileOut.write(b, off, len);
        } else {
            if (size + len > memory.length) {
                memory = Arrays.copyOf(memory, (int) Math.min(threshold, Math.max(size + len, 2L * memory.length)));
            }
            System.arraycopy(b, off, memory, (int) size, len);
        }
        size += len;
    }

    private void spill() throws IOException {
        file = Files.createTempFile(directory, "lemongate-upload-", ".eml");
        fileOut = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
        fileOut.write(memory, 0, (int) size);
        memory = null;
    }

    /** Ends writing; the bytes are then in {@link #memory()} or {@link #file()}. */
    @Override
    public void close() throws IOException {
        if (fileOut != null) {
            fileOut.close();
        }
    }

    /** Closes and deletes whatever was written, after a failure. */
    void discard() {
        try {
            close();
        } catch (IOException e) {
            // The file is deleted below either way.
        }
        deleteFile(file);
        memory = null;
    }

    static void deleteFile(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                file.toFile().deleteOnExit();
            }
        }
    }

    long size() {
        return size;
    }

    /** The bytes when they stayed in memory (only the first {@link #size()} count), else null. */
    byte[] memory() {
        return memory;
    }

    /** The file holding all bytes when they were spilled, else null. */
    Path file() {
        return file;
    }
}

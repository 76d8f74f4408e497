package org.lemongate.mapping.contract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import org.lemongate.mapping.MessageSource;

/**
 * A multipart message with a large pseudo-random attachment whose bytes are generated while they are read, so a
 * test can send and check many megabytes without ever holding them: its size and digests are known in advance.
 * Part 1 is a short text, part 2 the attachment {@code large.bin}, base64 in 76-character lines.
 */
public final class GeneratedMessage implements MessageSource {

    /** Raw bytes per base64 line: 57 bytes make exactly 76 characters. */
    private static final int LINE_BYTES = 57;
    private static final byte[] CRLF = {'\r', '\n'};

    private final long attachmentBytes;
    private final long seed;
    private final byte[] head;
    private final byte[] tail;

    /** A message whose attachment has {@code attachmentBytes} bytes drawn from {@code seed}. */
    public GeneratedMessage(long attachmentBytes, long seed) {
        this.attachmentBytes = attachmentBytes;
        this.seed = seed;
        this.head = ("From: Generator <generator@example.org>\r\nTo: ann@example.org\r\nSubject: Large attachment\r\n"
                + "Message-ID: <large-" + seed + "@test.lemongate>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"gen-boundary\"\r\n\r\n--gen-boundary\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n\r\nA generated message with a large attachment."
                + "\r\n--gen-boundary\r\nContent-Type: application/octet-stream; name=\"large.bin\"\r\n"
                + "Content-Disposition: attachment; filename=\"large.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        this.tail = "\r\n--gen-boundary--\r\n".getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public long size() {
        long chars = 4 * ((attachmentBytes + 2) / 3);
        long lines = (attachmentBytes + LINE_BYTES - 1) / LINE_BYTES;
        return head.length + chars + 2 * Math.max(0, lines - 1) + tail.length;
    }

    @Override
    public InputStream open() {
        return new Stream();
    }

    /** The SHA-256 of the attachment's decoded bytes. */
    public byte[] attachmentDigest() {
        MessageDigest sha = sha256();
        Bytes bytes = new Bytes(seed);
        byte[] line = new byte[LINE_BYTES];
        for (long done = 0; done < attachmentBytes; done += LINE_BYTES) {
            int n = (int) Math.min(LINE_BYTES, attachmentBytes - done);
            bytes.fill(line, n);
            sha.update(line, 0, n);
        }
        return sha.digest();
    }

    /** The SHA-256 of the whole message as {@link #open()} yields it. */
    public byte[] messageDigest() throws IOException {
        MessageDigest sha = sha256();
        try (InputStream in = open()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return sha.digest();
    }

    /** A fresh SHA-256 digest. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** A xorshift generator: fast, repeatable, and without any buffer. */
    private static final class Bytes {
        private long state;

        Bytes(long seed) {
            state = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
        }

        void fill(byte[] into, int n) {
            for (int i = 0; i < n; i++) {
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
                into[i] = (byte) state;
            }
        }
    }

    /** Head, then one base64 line at a time, then tail. */
    private final class Stream extends InputStream {
        private final Bytes bytes = new Bytes(seed);
        private final byte[] raw = new byte[LINE_BYTES];
        private byte[] chunk = head;
        private int pos;
        private long encoded;
        private boolean tailSent;

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            while (pos == chunk.length) {
                if (!next()) {
                    return -1;
                }
            }
            int n = Math.min(len, chunk.length - pos);
            System.arraycopy(chunk, pos, b, off, n);
            pos += n;
            return n;
        }

        private boolean next() {
            pos = 0;
            if (encoded < attachmentBytes) {
                int n = (int) Math.min(LINE_BYTES, attachmentBytes - encoded);
                bytes.fill(raw, n);
                byte[] line = Base64.getEncoder().encode(java.util.Arrays.copyOf(raw, n));
                chunk = encoded == 0 ? line : concat(CRLF, line);
                encoded += n;
                return true;
            }
            if (!tailSent) {
                tailSent = true;
                chunk = tail;
                return true;
            }
            return false;
        }

        private static byte[] concat(byte[] a, byte[] b) {
            byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, both, a.length, b.length);
            return both;
        }
    }
}

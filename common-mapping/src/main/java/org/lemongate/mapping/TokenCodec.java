package org.lemongate.mapping;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * The wire form shared by the sync tokens: a kind byte and the fields, deflated, followed by a CRC-32 of the
 * compressed bytes, in unpadded base64url. The CRC makes a damaged or hand-edited token fail loudly instead of
 * reading as another state; no secret is needed because a token only narrows what the holder's own credentials may
 * read (see ADR 0060).
 */
final class TokenCodec {

    /** Longest token accepted, in characters: fits a URL query in every common server and proxy. */
    static final int MAX_TOKEN_CHARS = 6000;
    /** Largest decompressed content accepted: bounds the work a hostile token can cause. */
    private static final int MAX_PLAIN_BYTES = 256 * 1024;

    private TokenCodec() {
    }

    /** Writes the fields of one token. */
    @FunctionalInterface
    interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads the fields of one token. */
    @FunctionalInterface
    interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    static String encode(int kind, Body body) {
        try {
            ByteArrayOutputStream packed = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(packed,
                    new Deflater(Deflater.BEST_COMPRESSION, true)))) {
                out.writeByte(kind);
                body.write(out);
            }
            byte[] compressed = packed.toByteArray();
            CRC32 crc = new CRC32();
            crc.update(compressed);
            ByteBuffer all = ByteBuffer.allocate(compressed.length + 4);
            all.put(compressed).putInt((int) crc.getValue());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(all.array());
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
    }

    /**
     * Reads a token of the given kind.
     *
     * @throws MailException.InvalidInput naming {@code field} when the token is damaged, of another kind or version,
     *                                    or not made by {@link #encode}
     */
    static <T> T decode(String token, int kind, String field, Reader<T> reader) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            throw invalid(field);
        }
        try {
            byte[] all = Base64.getUrlDecoder().decode(token);
            if (all.length < 5) {
                throw invalid(field);
            }
            CRC32 crc = new CRC32();
            crc.update(all, 0, all.length - 4);
            if ((int) crc.getValue() != ByteBuffer.wrap(all, all.length - 4, 4).getInt()) {
                throw invalid(field);
            }
            InputStream inflated = new BoundedInput(new InflaterInputStream(
                    new ByteArrayInputStream(all, 0, all.length - 4), new java.util.zip.Inflater(true)));
            try (DataInputStream in = new DataInputStream(inflated)) {
                if (in.readUnsignedByte() != kind) {
                    throw invalid(field);
                }
                T value = reader.read(in);
                if (in.read() != -1) {
                    throw invalid(field);
                }
                return value;
            }
        } catch (IOException | IllegalArgumentException | MailException.InvalidInput e) {
            throw invalid(field);
        }
    }

    private static MailException.InvalidInput invalid(String field) {
        return new MailException.InvalidInput(field, "the " + field.replace('_', ' ') + " is damaged or was not "
                + "issued by this gateway (or by an older version); fetch a new one and synchronise from there");
    }

    /** Fails once more than {@link #MAX_PLAIN_BYTES} were read: a small token must not inflate without bound. */
    private static final class BoundedInput extends java.io.FilterInputStream {
        private long read;

        BoundedInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > MAX_PLAIN_BYTES) {
                throw new IOException("token too large");
            }
        }
    }
}

package org.lemongate.webdav;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.lemongate.mapping.MessageSource;

/**
 * A file that IMAP would not keep byte for byte (not mail, bare LF line ends, binary), as a message that carries it
 * as its one attachment: mail clients show the file attached, and WebDAV serves the attachment's decoded bytes,
 * which are exactly the bytes PUT. The message is composed while it streams; its exact size is known up front.
 */
final class WrappedFile implements MessageSource {

    /** The IMAP part (section) number of the attachment. */
    static final String PART = "2";

    /** Input bytes per base64 line: 57 bytes make the 76 characters MIME allows. */
    private static final int LINE_INPUT = 57;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z",
            Locale.ROOT);

    private final RawUpload file;
    private final byte[] head;
    private final byte[] tail;

    private WrappedFile(RawUpload file, byte[] head, byte[] tail) {
        this.file = file;
        this.head = head;
        this.tail = tail;
    }

    /** Wraps the upload, named {@code fileName}, dated {@code now}. */
    static WrappedFile of(RawUpload file, String fileName, ZonedDateTime now) {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        String boundary = "=_lemongate_" + HexFormat.of().formatHex(bits);
        String head = "From: Lemongate WebDAV <webdav@lemongate.invalid>\r\n"
                + "Date: " + DATE.format(now) + "\r\n"
                + "Subject: " + encodedWords(fileName) + "\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n"
                + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n"
                + "\r\n"
                + "The attached file was stored in this folder through WebDAV.\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: application/octet-stream\r\n"
                + "Content-Disposition: attachment;" + filenameParameter(fileName) + "\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "\r\n";
        String tail = "--" + boundary + "--\r\n";
        return new WrappedFile(file, head.getBytes(StandardCharsets.US_ASCII),
                tail.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public long size() {
        long n = file.size();
        long full = n / LINE_INPUT;
        long rest = n % LINE_INPUT;
        long body = full * 78 + (rest == 0 ? 0 : 4 * ((rest + 2) / 3) + 2);
        return head.length + body + tail.length;
    }

    @Override
    public InputStream open() throws IOException {
        return new SequenceInputStream(java.util.Collections.enumeration(List.of(new ByteArrayInputStream(head),
                new Base64Lines(file.open()), new ByteArrayInputStream(tail))));
    }

    /** The name as RFC 2047 encoded words of at most 45 UTF-8 bytes each, never splitting a character. */
    private static String encodedWords(String text) {
        StringBuilder out = new StringBuilder();
        StringBuilder chunk = new StringBuilder();
        text.codePoints().forEach(cp -> {
            String c = new String(Character.toChars(cp));
            if (chunk.toString().getBytes(StandardCharsets.UTF_8).length + c.getBytes(StandardCharsets.UTF_8).length
                    > 45) {
                out.append(out.length() == 0 ? "" : "\r\n ").append(word(chunk.toString()));
                chunk.setLength(0);
            }
            chunk.append(c);
        });
        if (chunk.length() > 0 || out.length() == 0) {
            out.append(out.length() == 0 ? "" : "\r\n ").append(word(chunk.toString()));
        }
        return out.toString();
    }

    private static String word(String s) {
        return "=?utf-8?B?" + Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    /** RFC 2231 {@code filename*N*} continuations of percent-encoded UTF-8, 60 characters each. */
    private static String filenameParameter(String name) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int v = b & 0xFF;
            if (v > 32 && v < 127 && "*'%()<>@,;:\\\"/[]?={}".indexOf(v) < 0) {
                encoded.append((char) v);
            } else {
                encoded.append('%').append(String.format(Locale.ROOT, "%02X", v));
            }
        }
        StringBuilder out = new StringBuilder();
        int part = 0;
        for (int i = 0; i < encoded.length(); part++) {
            int end = Math.min(encoded.length(), i + 60);
            // Never cut a %XX escape in two.
            if (end < encoded.length() && encoded.charAt(end - 1) == '%') {
                end -= 1;
            } else if (end < encoded.length() && end >= 2 && encoded.charAt(end - 2) == '%') {
                end -= 2;
            }
            out.append("\r\n filename*").append(part).append('*').append('=')
                    .append(part == 0 ? "utf-8''" : "").append(encoded, i, end).append(part == 0 ? ";" : ";");
            i = end;
        }
        out.setLength(out.length() - 1);
        return out.toString();
    }

    /** Base64 in 76-character lines, each ended by CRLF, read from a byte stream as it goes. */
    private static final class Base64Lines extends InputStream {
        private final InputStream in;
        private final byte[] raw = new byte[LINE_INPUT];
        private byte[] line = new byte[0];
        private int pos;
        private boolean ended;

        Base64Lines(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (pos == line.length && !fill()) {
                return -1;
            }
            int n = Math.min(len, line.length - pos);
            System.arraycopy(line, pos, b, off, n);
            pos += n;
            return n;
        }

        private boolean fill() throws IOException {
            if (ended) {
                return false;
            }
            int n = in.readNBytes(raw, 0, LINE_INPUT);
            if (n == 0) {
                ended = true;
                return false;
            }
            byte[] chars = Base64.getEncoder().encode(n == LINE_INPUT ? raw : java.util.Arrays.copyOf(raw, n));
            line = java.util.Arrays.copyOf(chars, chars.length + 2);
            line[chars.length] = '\r';
            line[chars.length + 1] = '\n';
            pos = 0;
            ended = n < LINE_INPUT;
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}

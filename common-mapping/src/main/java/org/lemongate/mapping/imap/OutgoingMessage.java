package org.lemongate.mapping.imap;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;

import org.lemongate.mapping.MessageSource;

/**
 * A submitted message as SMTP transmits it: the client's bytes, preceded by the header fields the gateway added
 * (Date, Message-ID), streamed from the source when the transport writes it. Jakarta Mail never re-encodes it; the
 * header fields the transport asks to leave out (Bcc) are dropped on the way.
 */
final class OutgoingMessage extends MimeMessage {

    private final MessageSource bytes;

    OutgoingMessage(Session session, InternetHeaders parsedHeaders, MessageSource bytes) {
        super(session);
        this.headers = parsedHeaders;
        this.bytes = bytes;
        // Nothing may be regenerated: what is written is exactly the source.
        this.saved = true;
        this.modified = false;
    }

    @Override
    public void writeTo(OutputStream os, String[] ignoreList) throws IOException {
        Set<String> dropped = ignoreList == null ? Set.of()
                : Arrays.stream(ignoreList).map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        try (InputStream in = new BufferedInputStream(bytes.open(), 64 * 1024)) {
            copyWithout(in, os, dropped);
        }
    }

    /** Copies a message, leaving out the header fields (with their continuation lines) named in {@code dropped}. */
    static void copyWithout(InputStream in, OutputStream out, Set<String> dropped) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        boolean dropping = false;
        while (readLine(in, line)) {
            byte[] l = line.toByteArray();
            if (l[0] == '\r' || l[0] == '\n') {
                out.write(l);
                in.transferTo(out);
                return;
            }
            if (l[0] != ' ' && l[0] != '\t') {
                dropping = dropped.contains(fieldName(l));
            }
            if (!dropping) {
                out.write(l);
            }
        }
    }

    private static boolean readLine(InputStream in, ByteArrayOutputStream line) throws IOException {
        line.reset();
        for (int b = in.read(); b >= 0; b = in.read()) {
            line.write(b);
            if (b == '\n') {
                break;
            }
        }
        return line.size() > 0;
    }

    private static String fieldName(byte[] line) {
        int colon = 0;
        while (colon < line.length && line[colon] != ':') {
            colon++;
        }
        return new String(line, 0, colon, StandardCharsets.US_ASCII).strip().toLowerCase(Locale.ROOT);
    }
}

package org.lemongate.mapping.contract;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.lemongate.mapping.Content;
import org.lemongate.mapping.MessageSource;

/** The sample messages under {@code src/test/resources/messages} and small generated ones. */
public final class Samples {

    /** multipart/mixed: 1 alternative (1.1 quoted-printable text, 1.2 html), 2 base64 {@code data.bin}, 3 csv. */
    public static final String BUDGET = "budget-multipart.eml";
    /** A plain text message from ann to bob, containing the word "pineapple". */
    public static final String QUARTERLY = "quarterly-plain.eml";
    /** A larger (8 KB) newsletter to dave. */
    public static final String DIGEST = "weekly-digest.eml";
    /** A reply from carol to ann with an encoded-word sender name. */
    public static final String TRIP = "trip-reply.eml";

    /** A moment well in the past, so that seeded arrival times never collide with mail arriving now. */
    public static final Instant EPOCH = Instant.parse("2026-01-10T12:00:00Z");

    private Samples() {
    }

    /** The bytes of a resource below {@code messages/}. */
    public static byte[] bytes(String resource) {
        try (InputStream in = Samples.class.getResourceAsStream("/messages/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource messages/" + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads and closes streamed content. */
    public static byte[] read(Content content) {
        try (content) {
            return content.stream().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A small text message; the subject makes it recognisable in listings. */
    public static byte[] note(String subject, String from, String to) {
        String text = "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + Integer.toHexString(subject.hashCode()) + "." + System.nanoTime()
                + "@test.lemongate>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
                + "This note is about " + subject + ".\r\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A message source over bytes held in memory (small test messages only). */
    public static MessageSource source(byte[] message) {
        return new MessageSource() {
            @Override
            public long size() {
                return message.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(message);
            }
        };
    }
}

package org.lemongate.soap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.lemongate.mapping.Content;
import org.lemongate.mapping.ErrorCode;
import org.lemongate.mapping.MailException;

/**
 * Inline content is read whole before the reply is written (ADR 0023): JAXB writes a stream that fails as empty
 * content, so a failure must surface here, as a fault, while nothing has been sent yet.
 */
class InlineDataTest {

    @Test
    void aStreamThatFailsMidwayIsARetryableBackendFaultNotShortContent() {
        Content content = content(new FailingAfter(5_000), OptionalLong.of(10_000));

        MailException e = assertThrows(MailException.class, () -> InlineData.read(content));

        assertEquals(ErrorCode.BACKEND_UNAVAILABLE, e.code());
        assertTrue(e.retryAfter().isPresent());
    }

    @Test
    void contentOverTheInlineLimitIsRefusedBeforeAnyOfItIsRead() {
        FailingAfter stream = new FailingAfter(0);
        Content content = content(stream, OptionalLong.of(ContentTransfer.INLINE_LIMIT + 1L));

        MailException e = assertThrows(MailException.class, () -> InlineData.read(content));

        assertEquals(ErrorCode.TOO_LARGE, e.code());
        assertFalse(stream.touched, "the content was read although its size alone refuses it");
        assertTrue(stream.closed, "the refused content was not closed");
    }

    @Test
    void contentWithinTheLimitIsReadWholeAndClosed() throws IOException {
        byte[] bytes = "From: a@example.org\r\n\r\nhello\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        boolean[] closed = {false};
        InputStream in = new ByteArrayInputStream(bytes) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        byte[] read = InlineData.read(content(in, OptionalLong.of(bytes.length))).getInputStream().readAllBytes();

        assertArrayEquals(bytes, read);
        assertTrue(closed[0], "the content's stream was left open");
    }

    private static Content content(InputStream in, OptionalLong length) {
        return new Content(in, "message/rfc822", Optional.empty(), 0, length, length);
    }

    /** A mail server's content stream that breaks off after some bytes. */
    private static final class FailingAfter extends InputStream {
        private final int good;
        private int served;
        private boolean touched;
        private boolean closed;

        FailingAfter(int good) {
            this.good = good;
        }

        @Override
        public int read() throws IOException {
            touched = true;
            if (served == good) {
                throw new IOException("the IMAP connection was reset");
            }
            served++;
            return 'x';
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}

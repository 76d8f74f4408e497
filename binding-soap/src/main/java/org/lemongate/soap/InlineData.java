package org.lemongate.soap;

import java.io.IOException;
import java.io.InputStream;

import jakarta.activation.DataSource;

import org.apache.cxf.attachment.ByteDataSource;
import org.lemongate.mapping.Content;
import org.lemongate.mapping.MailException;

/** Content read into memory, at most {@link ContentTransfer#INLINE_LIMIT} bytes, for an inline base64 reply. */
final class InlineData {

    private InlineData() {
    }

    static DataSource read(Content content) {
        try (content) {
            if (content.length().isPresent() && content.length().getAsLong() > ContentTransfer.INLINE_LIMIT) {
                throw tooLarge();
            }
            InputStream in = content.stream();
            byte[] data = in.readNBytes(ContentTransfer.INLINE_LIMIT);
            if (in.read() >= 0) {
                throw tooLarge();
            }
            return new ByteDataSource(data, "application/octet-stream");
        } catch (IOException e) {
            throw new MailException.BackendUnavailable("the mail server stopped sending the content",
                    java.time.Duration.ofSeconds(5), false, e);
        }
    }

    private static MailException.TooLarge tooLarge() {
        return new MailException.TooLarge("the content is larger than the " + ContentTransfer.INLINE_LIMIT
                + " bytes an inline reply may carry; ask for ranges of at most that many bytes with offset and "
                + "length, or use the MTOM port (/soap/mail-mtom), which streams", ContentTransfer.INLINE_LIMIT);
    }
}

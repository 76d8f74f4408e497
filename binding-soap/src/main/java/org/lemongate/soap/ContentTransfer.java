package org.lemongate.soap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import jakarta.activation.DataHandler;

import org.apache.cxf.message.Message;
import org.apache.cxf.message.MessageUtils;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.lemongate.mapping.ByteRange;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MessageSource;
import org.lemongate.soap.wire.Content;

/**
 * Message and part content across the wire. On the MTOM port content streams both ways as a MIME attachment. On
 * the default ports it travels inline as base64, which the XML stack holds whole in memory: there a reply is
 * bounded by {@link #INLINE_LIMIT}, and larger content is fetched in ranges or from the MTOM port.
 */
final class ContentTransfer {

    /** The most bytes one inline (non-MTOM) reply carries. */
    static final int INLINE_LIMIT = 8 * 1024 * 1024;

    private static final Pattern PART_ID = Pattern.compile("[1-9][0-9]{0,5}(\\.[1-9][0-9]{0,5}){0,30}");

    /** The range {@code offset} and {@code length} select; both absent means all. */
    static ByteRange range(Long offset, Long length) {
        long first = offset == null ? 0 : offset;
        return length == null ? ByteRange.from(first) : ByteRange.of(first, length);
    }

    /** An IMAP part specifier such as {@code 2} or {@code 1.3}. */
    static String partId(String partId) {
        if (partId == null || !PART_ID.matcher(partId).matches()) {
            throw new MailException.InvalidInput("partId", "part id '" + partId
                    + "' is not an IMAP part number such as 2 or 1.3; GetMessage lists a message's parts");
        }
        return partId;
    }

    /** The wire form of {@code content}; takes ownership of it and closes it once sent. */
    Content send(org.lemongate.mapping.Content content) {
        Content wire = new Content();
        wire.setContentType(content.contentType());
        content.filename().ifPresent(wire::setFilename);
        wire.setOffset(content.offset());
        content.totalLength().ifPresent(wire::setTotalLength);
        wire.setData(new DataHandler(mtom() ? new StreamedDataSource(content) : InlineData.read(content)));
        return wire;
    }

    /**
     * Spools an uploaded message to a temporary file (bounded by the account's upload limit), hands it to
     * {@code use}, and removes the file afterwards.
     */
    <T> T receive(MailAccount account, DataHandler upload, Use<T> use) {
        if (upload == null) {
            throw new MailException.InvalidInput("mime", "the message (mime) is missing");
        }
        long limit = account.serviceInfo().limits().maxUploadBytes();
        Path file = null;
        try {
            file = Files.createTempFile("lemongate-soap-", ".eml");
            long size = spool(upload, file, limit);
            Path spooled = file;
            return use.apply(new MessageSource() {
                @Override
                public long size() {
                    return size;
                }

                @Override
                public InputStream open() throws IOException {
                    return Files.newInputStream(spooled);
                }
            });
        } catch (IOException e) {
            throw new MailException.InvalidInput("mime", "the uploaded message could not be read completely");
        } finally {
            deleteQuietly(file);
        }
    }

    /** What to do with a spooled upload. */
    @FunctionalInterface
    interface Use<T> {
        T apply(MessageSource message);
    }

    private static long spool(DataHandler upload, Path file, long limit) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long size = 0;
        try (InputStream in = upload.getInputStream(); OutputStream out = Files.newOutputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                size += n;
                if (size > limit) {
                    throw new MailException.TooLarge("the message is larger than the " + limit
                            + " bytes this gateway accepts", limit);
                }
                out.write(buffer, 0, n);
            }
        }
        if (size == 0) {
            throw new MailException.InvalidInput("mime", "the message (mime) is empty");
        }
        return size;
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The temporary directory is cleaned by the system; a left-over spool file holds no credentials.
        }
    }

    private static boolean mtom() {
        Message message = PhaseInterceptorChain.getCurrentMessage();
        return message != null && MessageUtils.getContextualBoolean(message, Message.MTOM_ENABLED, false);
    }
}

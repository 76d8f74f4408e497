package org.lemongate.soap;

import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;

import jakarta.activation.DataHandler;

import org.apache.cxf.message.Message;
import org.apache.cxf.message.MessageUtils;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.lemongate.mapping.ByteRange;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MessageSource;
import org.lemongate.mapping.SpooledMessage;
import org.lemongate.soap.wire.Content;

/**
 * Message and part content across the wire. On the MTOM port content streams both ways as a MIME attachment. On
 * the default ports it travels inline as base64, which the XML stack holds whole in memory: there a reply is
 * bounded by {@link #INLINE_LIMIT}, and larger content is fetched in ranges or from the MTOM port. Uploads are
 * spooled first, since IMAP APPEND and SMTP need the exact size before the first byte.
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
     * Spools an uploaded message through the account (the gateway's configured spool and upload limit), hands it to
     * {@code use}, and discards it afterwards.
     */
    <T> T receive(MailAccount account, DataHandler upload, Use<T> use) {
        if (upload == null) {
            throw new MailException.InvalidInput("mime", "the message (mime) is missing");
        }
        try (InputStream in = upload.getInputStream();
             SpooledMessage message = account.spool(in)) {
            return use.apply(message);
        } catch (IOException e) {
            throw new MailException.InvalidInput("mime", "the uploaded message could not be read completely");
        }
    }

    /** What to do with a spooled upload. */
    @FunctionalInterface
    interface Use<T> {
        T apply(MessageSource message);
    }

    private static boolean mtom() {
        Message message = PhaseInterceptorChain.getCurrentMessage();
        return message != null && MessageUtils.getContextualBoolean(message, Message.MTOM_ENABLED, false);
    }
}

package org.lemongate.rest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.cxf.jaxrs.ext.multipart.Attachment;
import org.apache.cxf.jaxrs.ext.multipart.ContentDisposition;
import org.apache.cxf.jaxrs.ext.multipart.MultipartBody;
import org.lemongate.mapping.AttachmentSource;
import org.lemongate.mapping.Composition;
import org.lemongate.mapping.MailException;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A {@code multipart/form-data} submission: one part named {@code message} holding the {@link Compose} JSON, and
 * any number of parts named {@code attachment}, each a file with its name and type. CXF keeps each part in memory up
 * to its threshold and in a temporary file beyond it; the attachments are read from there once, while the message is
 * composed into the spool.
 */
record ComposedUpload(Composition composition, List<AttachmentSource> attachments) {

    static final String MESSAGE_PART = "message";
    static final String ATTACHMENT_PART = "attachment";
    /** Most attachments in one message: far above what mail clients send, low enough to bound the work. */
    static final int MAX_ATTACHMENTS = 100;
    private static final ObjectMapper JSON = Json.mapper();

    /**
     * Reads the form.
     *
     * @throws MailException.InvalidInput when the message part is missing or repeated, or a part has another name
     * @throws com.fasterxml.jackson.core.JsonProcessingException when the message part is not the JSON expected
     */
    static ComposedUpload of(MultipartBody form) throws IOException {
        Composition composition = null;
        List<AttachmentSource> attachments = new ArrayList<>();
        for (Attachment part : form.getAllAttachments()) {
            ContentDisposition disposition = part.getContentDisposition();
            String name = disposition == null ? null : disposition.getParameter("name");
            if (MESSAGE_PART.equals(name)) {
                if (composition != null) {
                    throw invalid(MESSAGE_PART, "the form has more than one part named 'message'");
                }
                try (InputStream json = part.getDataHandler().getInputStream()) {
                    composition = JSON.readValue(json, Compose.class).composition();
                }
            } else if (ATTACHMENT_PART.equals(name)) {
                if (attachments.size() == MAX_ATTACHMENTS) {
                    throw new MailException.TooLarge("a message may have at most " + MAX_ATTACHMENTS
                            + " attachments", MAX_ATTACHMENTS);
                }
                attachments.add(new AttachmentSource(filename(disposition),
                        part.getContentType() == null ? null : part.getContentType().toString(),
                        () -> part.getDataHandler().getInputStream()));
            } else {
                throw invalid(name == null ? "form" : name, "a submission form has one part named 'message' (the"
                        + " JSON message) and parts named 'attachment' (files); found a part named '" + name + "'");
            }
        }
        if (composition == null) {
            throw invalid(MESSAGE_PART, "the form has no part named 'message' holding the message as JSON");
        }
        return new ComposedUpload(composition, attachments);
    }

    /**
     * The part's file name. Browsers send it as raw UTF-8 (RFC 7578, 4.2), which CXF hands over read as ISO-8859-1:
     * a name that is valid UTF-8 that way is taken as UTF-8.
     */
    private static String filename(ContentDisposition disposition) {
        String name = disposition.getFilename();
        if (name == null || name.chars().allMatch(c -> c < 0x80) || name.chars().anyMatch(c -> c > 0xff)) {
            return name;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(name.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException e) {
            return name;
        }
    }

    private static MailException.InvalidInput invalid(String field, String detail) {
        return new MailException.InvalidInput(field, detail);
    }
}

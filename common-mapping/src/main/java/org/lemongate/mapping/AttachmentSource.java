package org.lemongate.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A file to attach to a composed message, read once as the message is built: its bytes stream from the upload
 * into the spool and are never held whole in memory.
 *
 * @param filename    the name shown to the recipient: no path, no control characters, at most 255 characters
 * @param contentType the media type ({@code type/subtype}, lower case); {@code application/octet-stream} when the
 *                    client gave none
 * @param content     opens the bytes
 */
public record AttachmentSource(String filename, String contentType, Opener content) {

    /** Longest file name accepted. */
    public static final int MAX_FILENAME = 255;
    private static final String DEFAULT_TYPE = "application/octet-stream";
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,127}");

    /** Where an attachment's bytes come from. */
    @FunctionalInterface
    public interface Opener {
        /** A stream over the bytes; called once. */
        InputStream open() throws IOException;
    }

    /**
     * Validates; the content type loses its parameters (the gateway sends attachments as they are, base64).
     *
     * @throws MailException.InvalidInput for {@code attachments[].filename} or {@code attachments[].contentType}
     */
    public AttachmentSource {
        Objects.requireNonNull(content, "content");
        if (filename == null || filename.isBlank()) {
            throw new MailException.InvalidInput("attachments.filename", "every attachment needs a file name");
        }
        if (filename.length() > MAX_FILENAME || filename.chars().anyMatch(c -> c < 0x20 || c == 0x7f)
                || filename.contains("/") || filename.contains("\\")) {
            throw new MailException.InvalidInput("attachments.filename", "an attachment's file name must be at most "
                    + MAX_FILENAME + " characters, without path separators or control characters");
        }
        contentType = mediaType(contentType);
    }

    private static String mediaType(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_TYPE;
        }
        String bare = value.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        String[] parts = bare.split("/", -1);
        if (parts.length != 2 || !TOKEN.matcher(parts[0]).matches() || !TOKEN.matcher(parts[1]).matches()) {
            throw new MailException.InvalidInput("attachments.contentType", "'" + bare.replaceAll("\\p{Cntrl}", "?")
                    + "' is not a media type such as application/pdf");
        }
        if (parts[0].equals("multipart") || bare.equals("message/rfc822")) {
            // Sent base64 these would be invalid MIME (RFC 2046 allows only 7bit, 8bit or binary for them).
            return DEFAULT_TYPE;
        }
        return bare;
    }
}

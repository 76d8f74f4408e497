package org.lemongate.webdav;

import java.io.IOException;

import org.apache.jackrabbit.webdav.io.OutputContext;
import org.apache.jackrabbit.webdav.property.DavPropertyName;
import org.apache.jackrabbit.webdav.property.DavPropertySet;
import org.apache.jackrabbit.webdav.property.DefaultDavProperty;
import org.apache.jackrabbit.webdav.property.ResourceType;
import org.lemongate.mapping.ByteRange;
import org.lemongate.mapping.Content;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.MessageSummary;

/** A message as a file: its raw RFC 822 bytes, streamed from IMAP. */
final class MessageResource extends MailResource {

    /** The media type of every message file. */
    static final String CONTENT_TYPE = "message/rfc822";
    /** The media type of a file wrapped in a message: the gateway does not guess types from names. */
    static final String WRAPPED_CONTENT_TYPE = "application/octet-stream";

    private final MessageSummary message;

    MessageResource(MailLocator locator, AccountSession session, MailResourceFactory factory, MessageSummary message) {
        super(locator, session, factory);
        this.message = message;
    }

    /**
     * A strong ETag: message content never changes in IMAP, and UIDVALIDITY plus UID name it for good (a new
     * UIDVALIDITY yields a different tag, never a stale match).
     */
    String etag() {
        return etag(message.ref());
    }

    /** The ETag of a message. */
    static String etag(MessageRef ref) {
        return "\"" + ref.uidValidity() + "-" + ref.uid() + "\"";
    }

    /** What the message's listing says of it. */
    MessageSummary summary() {
        return message;
    }

    /** The message. */
    MessageRef ref() {
        return message.ref();
    }

    /** The size of the file this message wraps ({@link WrappedFile}), or -1 when the message is the file. */
    long wrappedBytes() {
        return accountSession().storedName(message.ref()).map(StoredName::wrappedBytes).orElse(-1L);
    }

    /** The file's size in bytes: exactly what a full GET sends (RFC822.SIZE, or the wrapped file's size). */
    long size() {
        long wrapped = wrappedBytes();
        return wrapped >= 0 ? wrapped : message.size();
    }

    /**
     * The size a GET sends, checked against the data: the listing's {@link #size()} comes from RFC822.SIZE, which
     * some servers misreport (GreenMail leaves the header out). Costs one FETCH of the first chunk for a message.
     */
    long servedSize() throws IOException {
        if (wrappedBytes() >= 0) {
            return size();
        }
        try (Content content = open(ByteRange.ALL)) {
            return content.totalLength().orElse(size());
        }
    }

    /** The file's media type: a message, or a wrapped file's generic type. */
    String contentType() {
        return wrappedBytes() >= 0 ? WRAPPED_CONTENT_TYPE : CONTENT_TYPE;
    }

    /** Streams the file, or a range of it, from IMAP: the raw message, or the decoded attachment it wraps. */
    Content open(ByteRange range) {
        return wrappedBytes() >= 0 ? accountSession().account().openPart(message.ref(), WrappedFile.PART, range)
                : accountSession().account().openRaw(message.ref(), range);
    }

    @Override
    public boolean exists() {
        return true;
    }

    @Override
    public boolean isCollection() {
        return false;
    }

    @Override
    public String getDisplayName() {
        return wrappedBytes() >= 0 ? path().leaf() : message.subject();
    }

    @Override
    public long getModificationTime() {
        return message.receivedDate().toEpochMilli();
    }

    /** The RFC 4918 file properties and the {@link MailProperties mail namespace}. */
    @Override
    void addProperties(DavPropertySet props) {
        props.add(new ResourceType(ResourceType.DEFAULT_RESOURCE));
        props.add(new DefaultDavProperty<>(DavPropertyName.DISPLAYNAME, getDisplayName()));
        props.add(new DefaultDavProperty<>(DavPropertyName.GETCONTENTLENGTH, Long.toString(size())));
        props.add(new DefaultDavProperty<>(DavPropertyName.GETCONTENTTYPE, contentType()));
        props.add(new DefaultDavProperty<>(DavPropertyName.GETETAG, etag()));
        props.add(new DefaultDavProperty<>(DavPropertyName.GETLASTMODIFIED, HttpDates.rfc1123(message.receivedDate())));
        props.add(new DefaultDavProperty<>(DavPropertyName.CREATIONDATE, HttpDates.rfc3339(message.receivedDate())));
        MailProperties.add(props, message);
    }

    /**
     * Streams the message in bounded chunks (IMAP partial FETCH); only headers are written for HEAD. The length sent
     * is the one the content reader checked against the data, not the listing's RFC822.SIZE: a server that
     * misreports the size (GreenMail leaves the header out) gets its message served whole, never cut short.
     */
    @Override
    public void spool(OutputContext context) throws IOException {
        context.setContentType(contentType());
        context.setETag(etag());
        context.setModificationTime(getModificationTime());
        context.setProperty("Accept-Ranges", "bytes");
        if (!context.hasStream()) {
            context.setContentLength(servedSize());
            return;
        }
        try (Content content = open(ByteRange.ALL)) {
            context.setContentLength(content.length().orElse(size()));
            BodyCopy.copy(content.stream(), context.getOutputStream());
        }
    }
}

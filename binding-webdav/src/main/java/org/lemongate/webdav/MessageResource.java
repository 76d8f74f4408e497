package org.lemongate.webdav;

import java.io.IOException;

import org.apache.jackrabbit.webdav.io.OutputContext;
import org.apache.jackrabbit.webdav.property.DavPropertyName;
import org.apache.jackrabbit.webdav.property.DavPropertySet;
import org.apache.jackrabbit.webdav.property.DefaultDavProperty;
import org.apache.jackrabbit.webdav.property.ResourceType;
import org.lemongate.mapping.ByteRange;
import org.lemongate.mapping.Content;
import org.lemongate.mapping.MessageSummary;

/** A message as a file: its raw RFC 822 bytes, streamed from IMAP. */
final class MessageResource extends MailResource {

    /** The media type of every message file. */
    static final String CONTENT_TYPE = "message/rfc822";

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
        return "\"" + message.ref().uidValidity() + "-" + message.ref().uid() + "\"";
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
        return message.subject();
    }

    @Override
    public long getModificationTime() {
        return message.receivedDate().toEpochMilli();
    }

    @Override
    public DavPropertySet getProperties() {
        DavPropertySet props = new DavPropertySet();
        props.add(new ResourceType(ResourceType.DEFAULT_RESOURCE));
        props.add(new DefaultDavProperty<>(DavPropertyName.DISPLAYNAME, message.subject()));
        props.add(new DefaultDavProperty<>(DavPropertyName.GETCONTENTLENGTH, Long.toString(message.size())));
        props.add(new DefaultDavProperty<>(DavPropertyName.GETCONTENTTYPE, CONTENT_TYPE));
        props.add(new DefaultDavProperty<>(DavPropertyName.GETETAG, etag()));
        props.add(new DefaultDavProperty<>(DavPropertyName.GETLASTMODIFIED, HttpDates.rfc1123(message.receivedDate())));
        props.add(new DefaultDavProperty<>(DavPropertyName.CREATIONDATE, HttpDates.rfc3339(message.receivedDate())));
        return props;
    }

    /** Streams the message in bounded chunks (IMAP partial FETCH); only headers are written for HEAD. */
    @Override
    public void spool(OutputContext context) throws IOException {
        context.setContentType(CONTENT_TYPE);
        context.setContentLength(message.size());
        context.setETag(etag());
        context.setModificationTime(getModificationTime());
        if (!context.hasStream()) {
            return;
        }
        try (Content content = accountSession().account().openRaw(message.ref(), ByteRange.ALL)) {
            content.stream().transferTo(context.getOutputStream());
        }
    }
}

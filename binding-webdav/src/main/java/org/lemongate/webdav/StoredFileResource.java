package org.lemongate.webdav;

import java.io.IOException;

import org.apache.jackrabbit.webdav.io.OutputContext;
import org.apache.jackrabbit.webdav.property.DavPropertyName;
import org.apache.jackrabbit.webdav.property.DavPropertySet;
import org.apache.jackrabbit.webdav.property.DefaultDavProperty;
import org.apache.jackrabbit.webdav.property.ResourceType;

/** A file kept in the state store, not in IMAP ({@link StoredFile}): served from there, at most 1 MiB. */
final class StoredFileResource extends MailResource {

    private final StoredFile file;

    StoredFileResource(MailLocator locator, AccountSession session, MailResourceFactory factory, StoredFile file) {
        super(locator, session, factory);
        this.file = file;
    }

    /** What the store holds about the file. */
    StoredFile file() {
        return file;
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
        return path().leaf();
    }

    @Override
    public long getModificationTime() {
        return file.modified().toEpochMilli();
    }

    @Override
    void addProperties(DavPropertySet props) {
        props.add(new ResourceType(ResourceType.DEFAULT_RESOURCE));
        props.add(new DefaultDavProperty<>(DavPropertyName.DISPLAYNAME, getDisplayName()));
        props.add(new DefaultDavProperty<>(DavPropertyName.GETCONTENTLENGTH, Long.toString(file.size())));
        props.add(new DefaultDavProperty<>(DavPropertyName.GETCONTENTTYPE, MessageResource.WRAPPED_CONTENT_TYPE));
        props.add(new DefaultDavProperty<>(DavPropertyName.GETETAG, file.etag()));
        props.add(new DefaultDavProperty<>(DavPropertyName.GETLASTMODIFIED, HttpDates.rfc1123(file.modified())));
        props.add(new DefaultDavProperty<>(DavPropertyName.CREATIONDATE, HttpDates.rfc3339(file.created())));
    }

    @Override
    public void spool(OutputContext context) throws IOException {
        context.setContentType(MessageResource.WRAPPED_CONTENT_TYPE);
        context.setContentLength(file.size());
        context.setETag(file.etag());
        context.setModificationTime(getModificationTime());
        if (!context.hasStream()) {
            return;
        }
        AccountSession session = accountSession();
        byte[] content = session.files().content(session.user(), path())
                .orElseThrow(() -> new IOException(path() + " was removed while being read"));
        context.getOutputStream().write(content);
    }
}

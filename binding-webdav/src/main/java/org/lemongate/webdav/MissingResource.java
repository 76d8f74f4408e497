package org.lemongate.webdav;

import java.io.IOException;

import org.apache.jackrabbit.webdav.io.OutputContext;
import org.apache.jackrabbit.webdav.property.DavPropertySet;

/** A path that names nothing (yet): the target of a 404, or of a future PUT or MKCOL. */
final class MissingResource extends MailResource {

    MissingResource(MailLocator locator, AccountSession session, MailResourceFactory factory) {
        super(locator, session, factory);
    }

    @Override
    public boolean exists() {
        return false;
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
    void addProperties(DavPropertySet props) {
        throw new IllegalStateException("a missing resource has no properties");
    }

    /** Never reached: Jackrabbit answers 404 before spooling a resource that does not exist. */
    @Override
    public void spool(OutputContext context) throws IOException {
        throw new IOException("no resource at " + path());
    }
}

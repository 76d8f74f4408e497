package org.lemongate.webdav;

import java.io.IOException;

import org.apache.jackrabbit.webdav.io.OutputContext;

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

    /** Never reached: Jackrabbit answers 404 before spooling a resource that does not exist. */
    @Override
    public void spool(OutputContext context) throws IOException {
        throw new IOException("no resource at " + path());
    }
}

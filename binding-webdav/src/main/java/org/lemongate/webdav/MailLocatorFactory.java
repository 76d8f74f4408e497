package org.lemongate.webdav;

import org.apache.jackrabbit.webdav.DavLocatorFactory;
import org.apache.jackrabbit.webdav.DavResourceLocator;
import org.lemongate.mapping.MailException;

/**
 * Turns request URIs and hrefs (with the servlet context path already cut off by Jackrabbit) into
 * {@link MailLocator}s below the binding's mount point.
 */
final class MailLocatorFactory implements DavLocatorFactory {

    private final String servletPath;

    /** @param servletPath where the binding is mapped inside the context, e.g. {@code /dav} */
    MailLocatorFactory(String servletPath) {
        this.servletPath = servletPath;
    }

    /**
     * @param prefix the servlet context path (Jackrabbit's href prefix when absolute URIs are off)
     * @param href   the raw path below the context, e.g. {@code /dav/INBOX/}
     * @throws MailException.InvalidInput when the path lies outside the mount or is malformed
     */
    @Override
    public DavResourceLocator createResourceLocator(String prefix, String href) {
        String raw = href == null ? "" : href;
        if (!raw.equals(servletPath) && !raw.startsWith(servletPath + "/")) {
            throw new MailException.InvalidInput("path", "the path lies outside the WebDAV tree " + servletPath + "/");
        }
        return new MailLocator(prefix + servletPath, DavPath.parse(raw.substring(servletPath.length())), this);
    }

    @Override
    public DavResourceLocator createResourceLocator(String prefix, String workspacePath, String resourcePath) {
        return createResourceLocator(prefix, workspacePath, resourcePath, true);
    }

    /** Jackrabbit's JCR-flavoured entry point; the workspace is ignored because there is only one. */
    @Override
    public DavResourceLocator createResourceLocator(String prefix, String workspacePath, String path,
                                                    boolean isResourcePath) {
        return new MailLocator(prefix + servletPath, DavPath.ofDecoded(path), this);
    }
}

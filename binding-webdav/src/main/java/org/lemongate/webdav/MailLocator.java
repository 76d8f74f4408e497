package org.lemongate.webdav;

import java.util.Objects;

import org.apache.jackrabbit.webdav.DavLocatorFactory;
import org.apache.jackrabbit.webdav.DavResourceLocator;

/**
 * Where a resource lives under the binding's mount point. Jackrabbit's own locator treats the first path segment as
 * a JCR workspace; here there is exactly one tree per user, so the workspace is always the root.
 *
 * @param mount   the absolute path of the WebDAV root without its trailing slash, e.g. {@code /ctx/dav}
 * @param path    the resource's decoded path below the mount
 * @param factory the factory that made this locator
 */
record MailLocator(String mount, DavPath path, MailLocatorFactory factory) implements DavResourceLocator {

    MailLocator {
        Objects.requireNonNull(mount, "mount");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(factory, "factory");
    }

    @Override
    public String getPrefix() {
        return mount;
    }

    @Override
    public String getResourcePath() {
        return path.decoded();
    }

    @Override
    public String getWorkspacePath() {
        return "";
    }

    @Override
    public String getWorkspaceName() {
        return "";
    }

    @Override
    public boolean isSameWorkspace(DavResourceLocator locator) {
        return locator instanceof MailLocator other && other.mount.equals(mount);
    }

    @Override
    public boolean isSameWorkspace(String workspaceName) {
        return workspaceName == null || workspaceName.isEmpty();
    }

    /** An absolute-path href (never built from the Host header), percent-encoded. */
    @Override
    public String getHref(boolean isCollection) {
        return mount + path.encoded(isCollection);
    }

    @Override
    public boolean isRootLocation() {
        return path.isRoot();
    }

    @Override
    public DavLocatorFactory getFactory() {
        return factory;
    }

    @Override
    public String getRepositoryPath() {
        return path.decoded();
    }
}

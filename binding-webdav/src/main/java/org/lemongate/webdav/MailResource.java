package org.lemongate.webdav;

import java.util.List;

import org.apache.jackrabbit.webdav.DavConstants;
import org.apache.jackrabbit.webdav.DavException;
import org.apache.jackrabbit.webdav.DavResource;
import org.apache.jackrabbit.webdav.DavResourceFactory;
import org.apache.jackrabbit.webdav.DavResourceIterator;
import org.apache.jackrabbit.webdav.DavResourceIteratorImpl;
import org.apache.jackrabbit.webdav.DavResourceLocator;
import org.apache.jackrabbit.webdav.DavServletResponse;
import org.apache.jackrabbit.webdav.DavSession;
import org.apache.jackrabbit.webdav.MultiStatusResponse;
import org.apache.jackrabbit.webdav.io.InputContext;
import org.apache.jackrabbit.webdav.lock.ActiveLock;
import org.apache.jackrabbit.webdav.lock.LockInfo;
import org.apache.jackrabbit.webdav.lock.LockManager;
import org.apache.jackrabbit.webdav.lock.Scope;
import org.apache.jackrabbit.webdav.lock.Type;
import org.apache.jackrabbit.webdav.property.DavProperty;
import org.apache.jackrabbit.webdav.property.DavPropertyName;
import org.apache.jackrabbit.webdav.property.DavPropertySet;
import org.apache.jackrabbit.webdav.property.PropEntry;

/**
 * What every resource of the mail tree shares: where it is, whose it is, and the refusals of a read-only tree.
 * Subclasses say what they are and which properties they have.
 */
abstract class MailResource implements DavResource {

    /** The methods a read-only resource answers. */
    static final String READ_METHODS = "OPTIONS, GET, HEAD, PROPFIND";
    /** DAV classes announced on every path (clients such as Finder mount read-only without class 2). */
    static final String COMPLIANCE = "1, 2";

    private final MailLocator locator;
    private final AccountSession session;
    private final MailResourceFactory factory;

    MailResource(MailLocator locator, AccountSession session, MailResourceFactory factory) {
        this.locator = locator;
        this.session = session;
        this.factory = factory;
    }

    /** The resource's path below the mount. */
    final DavPath path() {
        return locator.path();
    }

    /** The authenticated user's session. */
    final AccountSession accountSession() {
        return session;
    }

    /** A locator for a member of this collection. */
    final MailLocator memberLocator(String segment) {
        return new MailLocator(locator.mount(), locator.path().child(segment), locator.factory());
    }

    @Override
    public String getComplianceClass() {
        return COMPLIANCE;
    }

    @Override
    public String getSupportedMethods() {
        return READ_METHODS;
    }

    @Override
    public DavResourceLocator getLocator() {
        return locator;
    }

    @Override
    public String getResourcePath() {
        return locator.getResourcePath();
    }

    @Override
    public String getHref() {
        return locator.getHref(isCollection());
    }

    @Override
    public long getModificationTime() {
        return DavConstants.UNDEFINED_TIME;
    }

    @Override
    public DavPropertyName[] getPropertyNames() {
        return getProperties().getPropertyNames();
    }

    @Override
    public DavProperty<?> getProperty(DavPropertyName name) {
        return getProperties().get(name);
    }

    @Override
    public DavPropertySet getProperties() {
        return new DavPropertySet();
    }

    @Override
    public DavResource getCollection() {
        if (locator.path().isRoot()) {
            return null;
        }
        return factory.resolve(new MailLocator(locator.mount(), locator.path().parent(), locator.factory()), session);
    }

    @Override
    public DavResourceIterator getMembers() {
        return new DavResourceIteratorImpl(List.of());
    }

    @Override
    public void setProperty(DavProperty<?> property) throws DavException {
        throw readOnly();
    }

    @Override
    public void removeProperty(DavPropertyName propertyName) throws DavException {
        throw readOnly();
    }

    @Override
    public MultiStatusResponse alterProperties(List<? extends PropEntry> changeList) throws DavException {
        throw readOnly();
    }

    @Override
    public void addMember(DavResource resource, InputContext inputContext) throws DavException {
        throw readOnly();
    }

    @Override
    public void removeMember(DavResource member) throws DavException {
        throw readOnly();
    }

    @Override
    public void move(DavResource destination) throws DavException {
        throw readOnly();
    }

    @Override
    public void copy(DavResource destination, boolean shallow) throws DavException {
        throw readOnly();
    }

    @Override
    public boolean isLockable(Type type, Scope scope) {
        return false;
    }

    @Override
    public boolean hasLock(Type type, Scope scope) {
        return false;
    }

    @Override
    public ActiveLock getLock(Type type, Scope scope) {
        return null;
    }

    @Override
    public ActiveLock[] getLocks() {
        return new ActiveLock[0];
    }

    @Override
    public ActiveLock lock(LockInfo reqLockInfo) throws DavException {
        throw readOnly();
    }

    @Override
    public ActiveLock refreshLock(LockInfo reqLockInfo, String lockToken) throws DavException {
        throw readOnly();
    }

    @Override
    public void unlock(String lockToken) throws DavException {
        throw readOnly();
    }

    /** Locks are not supported yet, so there is no lock manager to take. */
    @Override
    public void addLockManager(LockManager lockmgr) {
        throw new UnsupportedOperationException("the mail tree has no lock manager yet");
    }

    @Override
    public DavResourceFactory getFactory() {
        return factory;
    }

    @Override
    public DavSession getSession() {
        return session;
    }

    private static DavException readOnly() {
        return new DavException(DavServletResponse.SC_METHOD_NOT_ALLOWED,
                "the WebDAV mail tree is read-only in this version: only " + READ_METHODS + " are supported");
    }
}

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
import org.apache.jackrabbit.webdav.lock.LockDiscovery;
import org.apache.jackrabbit.webdav.lock.LockInfo;
import org.apache.jackrabbit.webdav.lock.LockManager;
import org.apache.jackrabbit.webdav.lock.Scope;
import org.apache.jackrabbit.webdav.lock.SupportedLock;
import org.apache.jackrabbit.webdav.lock.Type;
import org.apache.jackrabbit.webdav.property.DavProperty;
import org.apache.jackrabbit.webdav.property.DavPropertyName;
import org.apache.jackrabbit.webdav.property.DavPropertySet;
import org.apache.jackrabbit.webdav.property.PropEntry;

/**
 * What every resource of the mail tree shares: where it is, whose it is, and the refusal of Jackrabbit's
 * resource-level writes (the servlet runs each supported method itself). Subclasses say what they are and which
 * properties they have.
 */
abstract class MailResource implements DavResource {

    /** The methods the mail tree answers. */
    static final String METHODS =
            "OPTIONS, GET, HEAD, PUT, PROPFIND, PROPPATCH, MKCOL, DELETE, COPY, MOVE, LOCK, UNLOCK, REPORT";
    /** DAV classes announced on every path (clients such as Finder mount read-only without class 2). */
    static final String COMPLIANCE = "1, 2";

    private final MailLocator locator;
    private final AccountSession session;
    private final MailResourceFactory factory;
    private DavPropertySet properties;

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

    /** The absolute path of the tree's root, without its trailing slash. */
    final String locatorMount() {
        return locator.mount();
    }

    /** The locator of the enclosing folder (the root's own for the root). */
    final MailLocator parentLocator() {
        return new MailLocator(locator.mount(), locator.path().parent(), locator.factory());
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
        return METHODS;
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

    /**
     * The live properties, with exclusive and shared write locks; none for a resource that does not exist. Built
     * once per resource object (objects live for one request): Jackrabbit asks once per requested name.
     */
    @Override
    public final DavPropertySet getProperties() {
        if (properties != null) {
            return properties;
        }
        DavPropertySet props = new DavPropertySet();
        properties = props;
        if (exists()) {
            session.deadProperties(path()).forEach(props::add);
            addProperties(props);
            SupportedLock supported = new SupportedLock();
            supported.addEntry(Type.WRITE, Scope.EXCLUSIVE);
            supported.addEntry(Type.WRITE, Scope.SHARED);
            props.add(supported);
            props.add(new LockDiscovery(getLocks()));
        }
        return props;
    }

    /** Adds the properties particular to this kind of resource. */
    abstract void addProperties(DavPropertySet props);

    @Override
    public DavResource getCollection() {
        if (locator.path().isRoot()) {
            return null;
        }
        return factory.resolve(parentLocator(), session);
    }

    @Override
    public DavResourceIterator getMembers() {
        return new DavResourceIteratorImpl(List.of());
    }

    @Override
    public void setProperty(DavProperty<?> property) throws DavException {
        throw unsupported();
    }

    @Override
    public void removeProperty(DavPropertyName propertyName) throws DavException {
        throw unsupported();
    }

    @Override
    public MultiStatusResponse alterProperties(List<? extends PropEntry> changeList) throws DavException {
        throw unsupported();
    }

    @Override
    public void addMember(DavResource resource, InputContext inputContext) throws DavException {
        throw unsupported();
    }

    @Override
    public void removeMember(DavResource member) throws DavException {
        throw unsupported();
    }

    @Override
    public void move(DavResource destination) throws DavException {
        throw unsupported();
    }

    @Override
    public void copy(DavResource destination, boolean shallow) throws DavException {
        throw unsupported();
    }

    @Override
    public boolean isLockable(Type type, Scope scope) {
        return Type.WRITE.equals(type);
    }

    @Override
    public boolean hasLock(Type type, Scope scope) {
        return getLock(type, scope) != null;
    }

    @Override
    public ActiveLock getLock(Type type, Scope scope) {
        for (ActiveLock lock : getLocks()) {
            if (lock.getType().equals(type) && lock.getScope().equals(scope)) {
                return lock;
            }
        }
        return null;
    }

    /** The user's live locks on this path, its own and deep ones of its ancestors. */
    @Override
    public ActiveLock[] getLocks() {
        return session.locksCovering(path()).stream()
                .map(l -> new StoredActiveLock(l, lockRootHref(l), session.clock()))
                .toArray(ActiveLock[]::new);
    }

    /** The href of a lock's root: this resource, or an ancestor folder. */
    final String lockRootHref(DavLock lock) {
        return lock.root().equals(path()) ? getHref() : locator.mount() + lock.root().encoded(true);
    }

    @Override
    public ActiveLock lock(LockInfo reqLockInfo) throws DavException {
        throw unsupported();
    }

    @Override
    public ActiveLock refreshLock(LockInfo reqLockInfo, String lockToken) throws DavException {
        throw unsupported();
    }

    @Override
    public void unlock(String lockToken) throws DavException {
        throw unsupported();
    }

    /** Locks live in the {@link LockStore}; Jackrabbit's lock managers are not used. */
    @Override
    public void addLockManager(LockManager lockmgr) {
        throw new UnsupportedOperationException("the mail tree keeps its locks in its own lock store");
    }

    @Override
    public DavResourceFactory getFactory() {
        return factory;
    }

    @Override
    public DavSession getSession() {
        return session;
    }

    /** The servlet runs every supported method itself; Jackrabbit's resource-level operations are not used. */
    private static DavException unsupported() {
        return new DavException(DavServletResponse.SC_METHOD_NOT_ALLOWED,
                "this operation is not supported by the WebDAV mail tree; it supports " + METHODS);
    }
}

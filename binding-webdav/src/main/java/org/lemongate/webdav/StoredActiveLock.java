package org.lemongate.webdav;

import java.time.Clock;

import org.apache.jackrabbit.webdav.lock.AbstractActiveLock;
import org.apache.jackrabbit.webdav.lock.Scope;
import org.apache.jackrabbit.webdav.lock.Type;

/** A {@link DavLock} as Jackrabbit writes it into {@code lockdiscovery}; a read-only view. */
final class StoredActiveLock extends AbstractActiveLock {

    private final DavLock lock;
    private final Clock clock;

    /** @param rootHref the href of the lock's root, for DAV:lockroot */
    StoredActiveLock(DavLock lock, String rootHref, Clock clock) {
        this.lock = lock;
        this.clock = clock;
        setLockroot(rootHref);
    }

    @Override
    public boolean isLockedByToken(String lockToken) {
        return lock.token().equals(lockToken);
    }

    @Override
    public boolean isExpired() {
        return lock.expiredAt(clock.instant());
    }

    @Override
    public String getToken() {
        return lock.token();
    }

    @Override
    public String getOwner() {
        return lock.owner().isEmpty() ? null : lock.owner();
    }

    @Override
    public void setOwner(String owner) {
        throw new UnsupportedOperationException("a stored lock is changed through the lock store");
    }

    /** Milliseconds left, as Jackrabbit expects. */
    @Override
    public long getTimeout() {
        return Math.max(0, lock.expires().toEpochMilli() - clock.millis());
    }

    @Override
    public void setTimeout(long timeout) {
        throw new UnsupportedOperationException("a stored lock is changed through the lock store");
    }

    @Override
    public boolean isDeep() {
        return lock.deep();
    }

    @Override
    public void setIsDeep(boolean isDeep) {
        throw new UnsupportedOperationException("a stored lock is changed through the lock store");
    }

    @Override
    public Type getType() {
        return Type.WRITE;
    }

    @Override
    public Scope getScope() {
        return lock.exclusive() ? Scope.EXCLUSIVE : Scope.SHARED;
    }
}

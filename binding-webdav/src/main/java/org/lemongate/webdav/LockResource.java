package org.lemongate.webdav;

import java.io.IOException;
import java.time.Duration;

import org.apache.jackrabbit.webdav.DavConstants;
import org.apache.jackrabbit.webdav.DavException;
import org.apache.jackrabbit.webdav.DavServletResponse;
import org.apache.jackrabbit.webdav.WebdavRequest;
import org.apache.jackrabbit.webdav.WebdavResponse;
import org.apache.jackrabbit.webdav.lock.LockDiscovery;
import org.apache.jackrabbit.webdav.lock.LockInfo;
import org.apache.jackrabbit.webdav.lock.Scope;
import org.apache.jackrabbit.webdav.lock.Type;
import org.apache.jackrabbit.webdav.property.DavPropertySet;

/**
 * LOCK (RFC 4918 section 9.10): a new exclusive or shared write lock, Depth 0 or infinity, or the refresh of one
 * named in the If header. A LOCK of an unmapped URL in an existing folder creates an empty file (201), kept in the
 * state store, for the file a client is about to PUT.
 */
final class LockResource {

    /** Longest DAV:owner kept. */
    static final int MAX_OWNER = 1024;

    private LockResource() {
    }

    static void run(WebdavRequest request, WebdavResponse response, MailResource resource, MailResourceFactory factory)
            throws DavException, IOException {
        boolean deep = Depth.infinite(request.getHeader(DavConstants.HEADER_DEPTH), "LOCK");
        Duration timeout = timeout(request.getTimeout());
        LockInfo info = request.getLockInfo();
        AccountSession session = resource.accountSession();
        if (info.isRefreshLock()) {
            refresh(response, resource, timeout);
            return;
        }
        if (!Type.WRITE.equals(info.getType())) {
            throw new DavException(DavServletResponse.SC_UNPROCESSABLE_ENTITY, "only write locks exist");
        }
        if (!resource.exists() && !(factory.resolve(resource.parentLocator(), session) instanceof FolderResource)) {
            throw new DavException(DavServletResponse.SC_CONFLICT,
                    "the folder " + resource.path().parent() + " does not exist");
        }
        String owner = info.getOwner() == null ? "" : info.getOwner().strip();
        if (owner.length() > MAX_OWNER) {
            owner = owner.substring(0, MAX_OWNER);
        }
        DavLock lock;
        try {
            lock = session.locks().lock(session.user(), resource.path(), Scope.EXCLUSIVE.equals(info.getScope()),
                    deep, owner, timeout);
        } catch (LockStore.Conflict e) {
            throw Preconditions.failed(DavServletResponse.SC_LOCKED, resource.path() + " is locked already",
                    "no-conflicting-lock", resource.lockRootHref(e.holder()));
        } catch (LockStore.TooMany e) {
            throw new DavException(DavServletResponse.SC_INSUFFICIENT_SPACE_ON_RESOURCE,
                    "you hold " + LockStore.MAX_LOCKS_PER_USER + " locks already; unlock some first");
        }
        if (!resource.exists()) {
            // RFC 4918 section 7.3: a LOCK on an unmapped URL makes an empty, locked resource; it lives in the
            // state store until content is PUT, never as an empty message.
            session.files().put(session.user(), resource.path(), new byte[0], session.clock().instant());
        }
        response.setHeader(DavConstants.HEADER_LOCK_TOKEN, "<" + lock.token() + ">");
        send(response, resource, lock, resource.exists() ? DavServletResponse.SC_OK : DavServletResponse.SC_CREATED);
    }

    private static void refresh(WebdavResponse response, MailResource resource, Duration timeout)
            throws DavException, IOException {
        AccountSession session = resource.accountSession();
        for (String token : session.getLockTokens()) {
            var refreshed = session.locks().refresh(session.user(), token, resource.path(), timeout);
            if (refreshed.isPresent()) {
                send(response, resource, refreshed.get(), DavServletResponse.SC_OK);
                return;
            }
        }
        throw new DavException(DavServletResponse.SC_PRECONDITION_FAILED,
                "a LOCK without a body refreshes a lock: name one of yours on this resource in the If header");
    }

    private static void send(WebdavResponse response, MailResource resource, DavLock lock, int status)
            throws IOException {
        DavPropertySet body = new DavPropertySet();
        body.add(new LockDiscovery(new StoredActiveLock(lock, resource.lockRootHref(lock),
                resource.accountSession().clock())));
        response.sendXmlResponse(body, status);
    }

    /** Jackrabbit's parsed Timeout header (milliseconds, or its markers) as a lifetime; the store caps it. */
    private static Duration timeout(long millis) {
        if (millis == DavConstants.UNDEFINED_TIMEOUT) {
            return LockStore.DEFAULT_TIMEOUT;
        }
        if (millis == DavConstants.INFINITE_TIMEOUT || millis <= 0) {
            return LockStore.MAX_TIMEOUT;
        }
        return Duration.ofMillis(millis);
    }
}

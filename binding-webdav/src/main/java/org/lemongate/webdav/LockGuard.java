package org.lemongate.webdav;

import java.util.ArrayList;
import java.util.List;

import org.apache.jackrabbit.webdav.DavException;
import org.apache.jackrabbit.webdav.DavServletResponse;

/**
 * Refuses a change to a locked path unless the request presents the lock's token (RFC 4918 section 7): 423 with
 * {@code DAV:lock-token-submitted} naming the lock root. Locks never block reads, so only writes ask.
 */
final class LockGuard {

    private LockGuard() {
    }

    /**
     * @param path    the resource to change
     * @param members whether resources below it change too (DELETE, MOVE of a folder)
     * @throws DavException 423 when a lock applies whose token was not submitted
     */
    static void check(MailResource resource, DavPath path, boolean members) throws DavException {
        AccountSession session = resource.accountSession();
        LockStore store = session.locks();
        List<DavLock> relevant = new ArrayList<>(store.covering(session.user(), path));
        if (members) {
            relevant.addAll(store.within(session.user(), path));
        }
        if (!path.isRoot()) {
            // Adding or removing a member changes the parent folder, which a Depth 0 lock protects too.
            relevant.addAll(store.covering(session.user(), path.parent()));
        }
        for (DavLock lock : relevant) {
            if (!session.submitted(lock.token())) {
                String root = resource.locatorMount() + lock.root().encoded(!lock.root().equals(path)
                        || resource.isCollection());
                throw Preconditions.failed(DavServletResponse.SC_LOCKED,
                        path + " is locked; send the lock token in an If header", "lock-token-submitted", root);
            }
        }
    }
}

package org.lemongate.webdav;

import java.util.LinkedHashSet;
import java.util.Set;

import org.apache.jackrabbit.webdav.DavSession;
import org.lemongate.mapping.MailAccount;

/**
 * The authenticated user of one request, with what the request learned about the user's mailboxes. Lives for one
 * request only: nothing here outlives it, so no state leaks between users or requests.
 */
final class AccountSession implements DavSession {

    private final MailAccount account;
    private final Set<String> lockTokens = new LinkedHashSet<>();
    private MailboxTree tree;

    AccountSession(MailAccount account) {
        this.account = account;
    }

    /** The user's mail. */
    MailAccount account() {
        return account;
    }

    /** The user's mailboxes, listed once per request on first use. */
    MailboxTree tree() {
        if (tree == null) {
            tree = new MailboxTree(account.listMailboxes());
        }
        return tree;
    }

    /** Jackrabbit's reference counting serves JCR sessions shared across requests; a request-scoped one needs none. */
    @Override
    public void addReference(Object reference) {
        // Nothing to count: the session ends with its request.
    }

    @Override
    public void removeReference(Object reference) {
        // Nothing to count: the session ends with its request.
    }

    @Override
    public void addLockToken(String token) {
        lockTokens.add(token);
    }

    @Override
    public String[] getLockTokens() {
        return lockTokens.toArray(String[]::new);
    }

    @Override
    public void removeLockToken(String token) {
        lockTokens.remove(token);
    }
}

package org.lemongate.webdav;

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.jackrabbit.webdav.DavSession;
import org.apache.jackrabbit.webdav.property.DavProperty;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.MessageSummary;
import org.lemongate.mapping.Quota;

/**
 * The authenticated user of one request, with what the request learned about the user's mailboxes. Lives for one
 * request only: nothing here outlives it, so no state leaks between users or requests.
 */
final class AccountSession implements DavSession {

    private final MailAccount account;
    private final DavState state;
    private final Set<String> lockTokens = new LinkedHashSet<>();
    private final Map<MailboxName, Map<MessageRef, StoredName>> chosenNames = new HashMap<>();
    private final Map<DavPath, Map<DavPath, List<DavProperty<?>>>> deadProperties = new HashMap<>();
    private List<DavLock> userLocks;
    private MailboxTree tree;
    private Optional<Quota> quota;

    AccountSession(MailAccount account, DavState state) {
        this.account = account;
        this.state = state;
    }

    /** The login name, which keys the user's locks. */
    String user() {
        return account.user();
    }

    /** Where locks are kept; the caller may change them, so the request's copy is dropped. */
    LockStore locks() {
        userLocks = null;
        return state.locks();
    }

    /** The user's live locks that cover {@code path}, from one read of the store per request. */
    List<DavLock> locksCovering(DavPath path) {
        if (userLocks == null) {
            userLocks = state.locks().within(user(), DavPath.ROOT);
        }
        return userLocks.stream().filter(l -> l.covers(path)).toList();
    }

    /** Where dead properties are kept; the caller may change them, so the request's copy is dropped. */
    DeadProperties properties() {
        deadProperties.clear();
        return state.properties();
    }

    /** The dead properties of a resource, read for all of its folder's members at once, once per request. */
    List<DavProperty<?>> deadProperties(DavPath path) {
        if (path.isRoot()) {
            return state.properties().get(user(), path);
        }
        return deadProperties.computeIfAbsent(path.parent(), f -> state.properties().children(user(), f))
                .getOrDefault(path, List.of());
    }

    /** The names sync-collection reported messages under. */
    ReportedNames reported() {
        return state.reported();
    }

    /** Where files kept out of IMAP (empty, lock-null and desktop side files) are. */
    StoredFiles files() {
        return state.files();
    }

    /** Where client-chosen file names are kept; the caller may change them, so the request's copy is dropped. */
    FileNames names() {
        chosenNames.clear();
        return state.names();
    }

    /**
     * The file name of a message: the one a client gave it, else the {@link MessageNames} one. The client-chosen
     * names of a mailbox are read once per request, so a listing costs one store query, not one per message.
     */
    String fileName(MessageSummary message) {
        return storedName(message.ref()).map(n -> n.path().leaf()).orElseGet(() -> MessageNames.name(message));
    }

    /** The client-chosen name of a message, if it has one. */
    Optional<StoredName> storedName(MessageRef ref) {
        return Optional.ofNullable(chosenNames.computeIfAbsent(ref.mailbox(),
                m -> state.names().inMailbox(user(), m)).get(ref));
    }

    /** The clock locks expire by. */
    Clock clock() {
        return state.clock();
    }

    /** Whether the request presented this lock token (in its If or Lock-Token header). */
    boolean submitted(String token) {
        return lockTokens.contains(token);
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

    /** The user's storage quota, asked once per request on first use; empty where the server has no QUOTA. */
    Optional<Quota> quota() {
        if (quota == null) {
            quota = account.quota();
        }
        return quota;
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

package org.lemongate.mapping;

/**
 * The entry point of the mapping layer: one per gateway, shared by all bindings. Owns the connection pools.
 */
public interface MailGateway extends AutoCloseable {

    /**
     * Authenticates the user (reusing a pooled connection opened with the same secret when there is one).
     *
     * @throws MailException.AuthFailed          wrong credentials
     * @throws MailException.RateLimited         too many recent failures for this user or client address
     * @throws MailException.BackendUnavailable  the IMAP server cannot be reached
     */
    MailAccount login(Credentials credentials);

    /**
     * Registers for signals when {@code mailbox} of this user changes. All of a user's subscriptions share one IMAP
     * connection that waits in IDLE (opened with the first subscription, closed with the last, not counted against
     * the per-user request pool); after losing the server it reconnects with backoff and sends
     * {@link ChangeSignal.Kind#RECONNECTED}, so callers recover what happened meanwhile from their sync token.
     * {@code listener} runs on the watcher's thread: it must return quickly and never block.
     *
     * @throws MailException.AuthFailed         wrong credentials (checked when the user has no watcher yet)
     * @throws MailException.NotFound           the mailbox does not exist
     * @throws MailException.RateLimited        the gateway watches as many users as it is configured to
     * @throws MailException.BackendUnavailable the IMAP server cannot be reached
     */
    Subscription watch(Credentials credentials, MailboxName mailbox, java.util.function.Consumer<ChangeSignal> listener);

    /** Whether the IMAP server accepts connections and greets within the connect timeout (for readiness probes). */
    boolean backendReachable();

    /** Counters for monitoring. */
    GatewayStats stats();

    /** Closes every pooled connection; later calls fail. */
    @Override
    void close();
}

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

    /** Whether the IMAP server accepts connections and greets within the connect timeout (for readiness probes). */
    boolean backendReachable();

    /** Counters for monitoring. */
    GatewayStats stats();

    /** Closes every pooled connection; later calls fail. */
    @Override
    void close();
}

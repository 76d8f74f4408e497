package org.lemongate.mapping;

/**
 * A snapshot of the mapping layer's counters, exported as metrics.
 *
 * @param openConnections     IMAP connections open now
 * @param leasedConnections   of those, how many are in use now
 * @param connectionsOpened   IMAP connections opened since start
 * @param connectionsDiscarded connections closed because they broke, timed out or idled
 * @param loginFailures       failed logins since start
 * @param loginsThrottled     logins refused by the failed-login limiter since start
 * @param backendErrors       operations that ended in BACKEND_UNAVAILABLE or BACKEND_ERROR
 */
public record GatewayStats(int openConnections, int leasedConnections, long connectionsOpened,
                           long connectionsDiscarded, long loginFailures, long loginsThrottled, long backendErrors) {
}

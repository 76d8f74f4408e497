package org.lemongate.compare;

/**
 * What crossed a client's sockets, counted by its {@link CountingRelay}.
 *
 * @param connections     TCP connections the client opened
 * @param roundTrips      times the client started sending after the server had spoken (or on a fresh connection):
 *                        one per HTTP request/response, one per IMAP command turn
 * @param bytesSent       bytes from the client, as they crossed the socket
 * @param bytesReceived   bytes to the client, as they crossed the socket
 * @param gzipSent        the same bytes from the client through a streaming gzip (level 6) per connection
 * @param gzipReceived    the same bytes to the client through a streaming gzip (level 6) per connection
 */
public record Traffic(long connections, long roundTrips, long bytesSent, long bytesReceived, long gzipSent,
                      long gzipReceived) {

    /** Nothing at all. */
    public static final Traffic NONE = new Traffic(0, 0, 0, 0, 0, 0);

    /** The traffic between an earlier snapshot and this one. */
    public Traffic minus(Traffic earlier) {
        return new Traffic(connections - earlier.connections, roundTrips - earlier.roundTrips,
                bytesSent - earlier.bytesSent, bytesReceived - earlier.bytesReceived,
                gzipSent - earlier.gzipSent, gzipReceived - earlier.gzipReceived);
    }

    /** Both together, for a client that uses two servers (IMAP and SMTP). */
    public Traffic plus(Traffic other) {
        return new Traffic(connections + other.connections, roundTrips + other.roundTrips,
                bytesSent + other.bytesSent, bytesReceived + other.bytesReceived,
                gzipSent + other.gzipSent, gzipReceived + other.gzipReceived);
    }
}

package org.lemongate.mapping.imap;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.lemongate.mapping.Limits;

/**
 * How the connector reaches and uses the IMAP and SMTP servers. Immutable; built by the application from its
 * configuration.
 *
 * @param imap                  {@code imap://host:port} (STARTTLS per {@code startTls}) or {@code imaps://host:port}
 * @param smtp                  {@code smtp://host:port} or {@code smtps://host:port}; empty disables submission
 * @param startTls              STARTTLS policy for plain {@code imap://} and {@code smtp://} URLs
 * @param trustStore            a PKCS#12 or JKS trust store for the servers' certificates; the JVM default when empty
 * @param trustStorePassword    its password, when it has one
 * @param connectTimeout        TCP connect and greeting timeout
 * @param readTimeout           longest wait for a server response
 * @param writeTimeout          longest a single write may block
 * @param maxConnectionsPerUser pooled IMAP connections per user at most (Dovecot allows 10 per user and address)
 * @param leaseTimeout          how long a request waits for one of the user's connections before RATE_LIMITED
 * @param idleEviction          pooled connections unused this long are logged out
 * @param fetchChunkBytes       first partial-FETCH size when streaming bodies (long reads grow to 4x)
 * @param limits                limits advertised to and enforced on clients
 * @param spoolDirectory        where uploads larger than {@code spoolThresholdBytes} are spooled
 * @param spoolThresholdBytes   uploads up to this size stay in memory
 * @param loginFailureLimit     failed logins per user or per client address within {@code loginFailureWindow}
 *                              before further attempts are refused with RATE_LIMITED
 * @param loginFailureWindow    the window of the failed-login limiter
 * @param sentMailbox           where submitted mail is kept when the server names no \Sent mailbox
 * @param trashMailbox          where deleted mail goes when the server names no \Trash mailbox
 */
public record BackendSettings(URI imap, Optional<URI> smtp, StartTls startTls, Optional<Path> trustStore,
                              Optional<String> trustStorePassword, Duration connectTimeout, Duration readTimeout,
                              Duration writeTimeout, int maxConnectionsPerUser, Duration leaseTimeout,
                              Duration idleEviction, int fetchChunkBytes, Limits limits, Path spoolDirectory,
                              int spoolThresholdBytes, int loginFailureLimit, Duration loginFailureWindow,
                              String sentMailbox, String trashMailbox) {

    /** STARTTLS policy for plain-text URLs. */
    public enum StartTls {
        /** Never upgrade (loopback test servers only). */
        OFF,
        /** Upgrade when the server offers it. */
        OPTIONAL,
        /** Refuse to log in unless the connection was upgraded. */
        REQUIRED
    }

    public BackendSettings {
        Objects.requireNonNull(imap, "imap");
        String scheme = imap.getScheme() == null ? "" : imap.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("imap") && !scheme.equals("imaps") || imap.getHost() == null) {
            throw new IllegalArgumentException("IMAP URL must be imap://host[:port] or imaps://host[:port], was " + imap);
        }
        Objects.requireNonNull(smtp, "smtp");
        smtp.ifPresent(s -> {
            String sc = s.getScheme() == null ? "" : s.getScheme().toLowerCase(Locale.ROOT);
            if (!sc.equals("smtp") && !sc.equals("smtps") || s.getHost() == null) {
                throw new IllegalArgumentException("SMTP URL must be smtp://host[:port] or smtps://host[:port], was " + s);
            }
        });
        Objects.requireNonNull(startTls, "startTls");
        Objects.requireNonNull(trustStore, "trustStore");
        Objects.requireNonNull(trustStorePassword, "trustStorePassword");
        for (Duration d : new Duration[] {connectTimeout, readTimeout, writeTimeout, leaseTimeout, idleEviction,
                loginFailureWindow}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeouts and windows must be positive (never infinite)");
            }
        }
        if (maxConnectionsPerUser < 1 || fetchChunkBytes < 4096 || spoolThresholdBytes < 0 || loginFailureLimit < 1) {
            throw new IllegalArgumentException("connection cap, fetch chunk (>= 4096), spool threshold and "
                    + "login failure limit must be positive");
        }
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(spoolDirectory, "spoolDirectory");
        Objects.requireNonNull(sentMailbox, "sentMailbox");
        Objects.requireNonNull(trashMailbox, "trashMailbox");
    }

    /** Defaults for a server at {@code imap}: 10 s connect, 30 s read and write, 4 connections per user. */
    public static BackendSettings defaults(URI imap, Optional<URI> smtp) {
        return new BackendSettings(imap, smtp, StartTls.OPTIONAL, Optional.empty(), Optional.empty(),
                Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30), 4, Duration.ofSeconds(10),
                Duration.ofMinutes(5), 256 * 1024, new Limits(500, 50L * 1024 * 1024, 1000),
                Path.of(System.getProperty("java.io.tmpdir")), 256 * 1024, 5, Duration.ofMinutes(5), "Sent", "Trash");
    }

    /** A copy with other timeouts. */
    public BackendSettings withTimeouts(Duration connect, Duration read, Duration write) {
        return new BackendSettings(imap, smtp, startTls, trustStore, trustStorePassword, connect, read, write,
                maxConnectionsPerUser, leaseTimeout, idleEviction, fetchChunkBytes, limits, spoolDirectory,
                spoolThresholdBytes, loginFailureLimit, loginFailureWindow, sentMailbox, trashMailbox);
    }

    /** A copy with another STARTTLS policy. */
    public BackendSettings withStartTls(StartTls policy) {
        return new BackendSettings(imap, smtp, policy, trustStore, trustStorePassword, connectTimeout, readTimeout,
                writeTimeout, maxConnectionsPerUser, leaseTimeout, idleEviction, fetchChunkBytes, limits,
                spoolDirectory, spoolThresholdBytes, loginFailureLimit, loginFailureWindow, sentMailbox, trashMailbox);
    }

    /** A copy with another first partial-FETCH size for body streams. */
    public BackendSettings withFetchChunkBytes(int bytes) {
        return new BackendSettings(imap, smtp, startTls, trustStore, trustStorePassword, connectTimeout, readTimeout,
                writeTimeout, maxConnectionsPerUser, leaseTimeout, idleEviction, bytes, limits, spoolDirectory,
                spoolThresholdBytes, loginFailureLimit, loginFailureWindow, sentMailbox, trashMailbox);
    }
}

package org.lemongate.app;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.lemongate.mapping.Limits;
import org.lemongate.mapping.imap.BackendSettings;
import org.lemongate.mapping.imap.BackendSettings.StartTls;
import org.lemongate.rest.PushSettings;

/**
 * The whole configuration of one gateway process, immutable. Built by {@link ConfigLoader}; each component is
 * described by the {@link ConfigKey} of the same name. {@link #toString()} leaves the trust-store password out.
 *
 * @param imap                  the IMAP server; empty in demo mode, until the demo server has started
 * @param smtp                  the SMTP submission server; empty disables submission
 * @param imapStartTls          STARTTLS policy for plain URLs
 * @param trustStore            trust store for the mail servers' certificates
 * @param trustStorePassword    its password
 * @param port                  HTTP port of the embedded server (0: any free port)
 * @param bind                  address of the embedded server
 * @param connectTimeout        connect timeout towards the mail servers
 * @param readTimeout           read timeout towards the mail servers
 * @param writeTimeout          write timeout towards the mail servers
 * @param maxConnectionsPerUser pooled IMAP connections per user
 * @param idleEviction          idle time after which pooled connections are closed
 * @param fetchChunk            partial-FETCH size in bytes
 * @param maxPageSize           largest page of summaries
 * @param maxUpload             largest message accepted, in bytes
 * @param spoolDir              spool directory for large uploads
 * @param loginFailureLimit     failed logins per user or address within the window
 * @param loginFailureWindow    the failed-login window
 * @param bindings              the bindings to serve
 * @param edge                  trusted proxies, public URL, credentials and cross-site policies
 * @param tls                   HTTPS of the embedded server
 * @param push                  push timings and the event-ticket key of the REST and SOAP bindings
 * @param davStore              the H2 JDBC URL of the WebDAV state store
 */
public record GatewayConfig(Optional<URI> imap, Optional<URI> smtp, StartTls imapStartTls, Optional<Path> trustStore,
                            Optional<String> trustStorePassword, int port, String bind, Duration connectTimeout,
                            Duration readTimeout, Duration writeTimeout, int maxConnectionsPerUser,
                            Duration idleEviction, int fetchChunk, int maxPageSize, long maxUpload, Path spoolDir,
                            int loginFailureLimit, Duration loginFailureWindow, Set<Binding> bindings,
                            EdgeSettings edge, ServerTls tls, PushSettings push, String davStore) {

    public GatewayConfig {
        Objects.requireNonNull(imap, "imap");
        Objects.requireNonNull(smtp, "smtp");
        Objects.requireNonNull(imapStartTls, "imapStartTls");
        Objects.requireNonNull(trustStore, "trustStore");
        Objects.requireNonNull(trustStorePassword, "trustStorePassword");
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(spoolDir, "spoolDir");
        Objects.requireNonNull(edge, "edge");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(push, "push");
        Objects.requireNonNull(davStore, "davStore");
        // An EnumSet keeps the bindings in declaration order, for the start page and the install sequence.
        bindings = bindings.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(bindings));
        if (imap.isEmpty() && smtp.isPresent()) {
            throw new ConfigException("smtp is set but imap is not: give both, or neither for the demo server");
        }
    }

    /** Whether the jar should start the demo mail server: no IMAP server was configured. */
    public boolean demoMode() {
        return imap.isEmpty();
    }

    /** A copy that points at the given servers, with STARTTLS as given (the demo server has none). */
    public GatewayConfig withMailServers(URI newImap, URI newSmtp, StartTls startTls) {
        return new GatewayConfig(Optional.of(newImap), Optional.of(newSmtp), startTls, trustStore,
                trustStorePassword, port, bind, connectTimeout, readTimeout, writeTimeout, maxConnectionsPerUser,
                idleEviction, fetchChunk, maxPageSize, maxUpload, spoolDir, loginFailureLimit, loginFailureWindow,
                bindings, edge, tls, push, davStore);
    }

    /**
     * The connector's settings.
     *
     * @throws ConfigException when no IMAP server is configured
     */
    public BackendSettings backendSettings() {
        return backendSettings(imap.orElseThrow(() -> new ConfigException(
                "no IMAP server configured: set " + ConfigKey.IMAP.key() + " (e.g. "
                        + ConfigKey.IMAP.environmentVariable() + "=imaps://mail.example.org)")), smtp);
    }

    private BackendSettings backendSettings(URI imapUrl, Optional<URI> smtpUrl) {
        BackendSettings d = BackendSettings.defaults(imapUrl, smtpUrl);
        try {
            return new BackendSettings(imapUrl, smtpUrl, imapStartTls, trustStore, trustStorePassword,
                    connectTimeout, readTimeout, writeTimeout, maxConnectionsPerUser, d.leaseTimeout(),
                    idleEviction, fetchChunk, new Limits(maxPageSize, maxUpload, d.limits().maxBatchItems()),
                    spoolDir, d.spoolThresholdBytes(), loginFailureLimit, loginFailureWindow, d.sentMailbox(),
                    d.trashMailbox());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid mail server settings: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "GatewayConfig[imap=" + imap.map(URI::toString).orElse("demo") + ", smtp=" + smtp + ", imapStartTls="
                + imapStartTls + ", trustStore=" + trustStore + ", trustStorePassword="
                + trustStorePassword.map(p -> "***") + ", port=" + port + ", bind=" + bind + ", connectTimeout="
                + connectTimeout + ", readTimeout=" + readTimeout + ", writeTimeout=" + writeTimeout
                + ", maxConnectionsPerUser=" + maxConnectionsPerUser + ", idleEviction=" + idleEviction
                + ", fetchChunk=" + fetchChunk + ", maxPageSize=" + maxPageSize + ", maxUpload=" + maxUpload
                + ", spoolDir=" + spoolDir + ", loginFailureLimit=" + loginFailureLimit + ", loginFailureWindow="
                + loginFailureWindow + ", bindings=" + bindings + ", edge=" + edge + ", tls=" + tls + ", push=[maxHold="
                + push.maxHold() + ", heartbeat=" + push.minHeartbeat() + ".." + push.defaultHeartbeat() + ".."
                + push.maxHeartbeat() + ", ticketKey=" + push.ticketKey().map(k -> "***").orElse("random") + "]]";
    }
}

package org.lemongate.mapping.imap;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import org.lemongate.mapping.Limits;
import org.lemongate.mapping.PageRequest;

/** Connector settings for tests: loopback servers without TLS, short timeouts and a small failed-login limit. */
final class TestSettings {

    /** Failed logins before the limiter steps in: small, because Dovecot delays every failed login. */
    static final int LOGIN_FAILURE_LIMIT = 3;
    /** Room for the 20 MB streaming test (about 27 MB encoded), and a limit a test can exceed cheaply. */
    static final Limits LIMITS = new Limits(PageRequest.MAX_SIZE, 32L * 1024 * 1024, 200);

    private TestSettings() {
    }

    static BackendSettings loopback(int imapPort, Optional<Integer> smtpPort) {
        return loopback(imapPort, smtpPort, BackendSettings.defaults(URI.create("imap://127.0.0.1"), Optional.empty())
                .maxConnectionsPerUser());
    }

    /** {@link #loopback(int, Optional)} with a connection cap per user. */
    static BackendSettings loopback(int imapPort, Optional<Integer> smtpPort, int maxConnectionsPerUser) {
        BackendSettings d = BackendSettings.defaults(URI.create("imap://127.0.0.1:" + imapPort),
                smtpPort.map(p -> URI.create("smtp://127.0.0.1:" + p)));
        return new BackendSettings(d.imap(), d.smtp(), BackendSettings.StartTls.OFF, d.trustStore(),
                d.trustStorePassword(), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10),
                maxConnectionsPerUser, Duration.ofSeconds(10), d.idleEviction(), d.fetchChunkBytes(), LIMITS,
                d.spoolDirectory(), d.spoolThresholdBytes(), LOGIN_FAILURE_LIMIT, d.loginFailureWindow(),
                d.sentMailbox(), d.trashMailbox());
    }
}

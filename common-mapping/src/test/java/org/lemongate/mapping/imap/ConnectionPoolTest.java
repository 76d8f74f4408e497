package org.lemongate.mapping.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailException;

/** The pool's promises, against a real IMAP server: the per-user cap, secret-keyed reuse, eviction. */
class ConnectionPoolTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.IMAP.dynamicPort());

    private BackendSettings settings;
    private com.icegreen.greenmail.user.GreenMailUser annOnServer;
    private final Credentials ann = Credentials.password("ann", "secret", "127.0.0.1");

    @BeforeEach
    void setUp() {
        annOnServer = MAIL.setUser("ann@example.org", "ann", "secret");
        MAIL.setUser("bob@example.org", "bob", "other");
        BackendSettings d = BackendSettings.defaults(URI.create("imap://127.0.0.1:" + MAIL.getImap().getPort()),
                Optional.empty()).withStartTls(BackendSettings.StartTls.OFF);
        settings = new BackendSettings(d.imap(), d.smtp(), d.startTls(), d.trustStore(), d.trustStorePassword(),
                d.connectTimeout(), d.readTimeout(), d.writeTimeout(), 2, Duration.ofMillis(200),
                Duration.ofMillis(50), d.fetchChunkBytes(), d.limits(), d.spoolDirectory(), d.spoolThresholdBytes(),
                d.loginFailureLimit(), d.loginFailureWindow(), d.sentMailbox(), d.trashMailbox());
    }

    private ConnectionPool pool() {
        Properties p = new Properties();
        p.put("mail.imap.connectiontimeout", "5000");
        p.put("mail.imap.timeout", "5000");
        return new ConnectionPool(settings, p);
    }

    @Test
    void capsConnectionsPerUserAndRefusesAfterTheLeaseTimeout() {
        ConnectionPool pool = pool();
        ImapConnection a = pool.lease(ann);
        ImapConnection b = pool.lease(ann);
        assertEquals(2, pool.openConnections());
        long t0 = System.nanoTime();
        MailException.RateLimited e = assertThrows(MailException.RateLimited.class, () -> pool.lease(ann));
        assertTrue(System.nanoTime() - t0 >= Duration.ofMillis(150).toNanos(), "waited for the lease timeout");
        assertTrue(e.retryAfter().isPresent());
        ImapConnection other = pool.lease(Credentials.password("bob", "other", "127.0.0.1"));
        assertEquals(3, pool.openConnections(), "another user has slots of his own");
        pool.release(a);
        assertSame(a, pool.lease(ann), "the released connection is reused");
        pool.release(a);
        pool.release(b);
        pool.release(other);
        pool.close();
        assertEquals(0, pool.openConnections());
    }

    @Test
    void aConnectionServesOnlyTheSecretItWasOpenedWith() {
        ConnectionPool pool = pool();
        ImapConnection a = pool.lease(ann);
        pool.release(a);
        Credentials wrong = Credentials.password("ann", "guess", "127.0.0.1");
        assertFalse(pool.hasIdle(wrong));
        assertThrows(MailException.AuthFailed.class, () -> pool.lease(wrong));
        assertTrue(pool.hasIdle(ann), "the good connection survives a failed login");
        assertSame(a, pool.lease(ann));
        pool.release(a);
        pool.close();
    }

    @Test
    void atTheCapAnIdleConnectionOfAnotherSecretIsReplaced() {
        ConnectionPool pool = pool();
        ImapConnection a = pool.lease(ann);
        ImapConnection b = pool.lease(ann);
        pool.release(a);
        pool.release(b);
        annOnServer.setPassword("changed");
        Credentials changed = Credentials.password("ann", "changed", "127.0.0.1");
        List<ImapConnection> fresh = new ArrayList<>();
        fresh.add(pool.lease(changed));
        fresh.add(pool.lease(changed));
        fresh.forEach(c -> assertNotSame(a, c));
        fresh.forEach(c -> assertNotSame(b, c));
        assertEquals(2, pool.openConnections());
        fresh.forEach(pool::release);
        pool.close();
    }

    @Test
    void idleConnectionsAreEvicted() throws InterruptedException {
        ConnectionPool pool = pool();
        pool.release(pool.lease(ann));
        assertEquals(1, pool.openConnections());
        Thread.sleep(120);
        pool.evictIdle();
        assertEquals(0, pool.openConnections());
        assertEquals(1, pool.discarded());
        pool.close();
    }
}

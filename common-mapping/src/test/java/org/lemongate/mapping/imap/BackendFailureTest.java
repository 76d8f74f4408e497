package org.lemongate.mapping.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.lemongate.mapping.ByteRange;
import org.lemongate.mapping.Content;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.Flags;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.contract.GeneratedMessage;
import org.lemongate.mapping.contract.ImapSession;
import org.lemongate.testsupport.LoopbackPorts;
import org.lemongate.testsupport.TcpProxy;

/**
 * The IMAP server goes away, hangs and comes back behind a {@link TcpProxy}: the gateway must report it as
 * BACKEND_UNAVAILABLE within its configured timeouts, recover without being recreated, and leak nothing.
 */
class BackendFailureTest {

    /** The timeouts the gateway is configured with. */
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    /** The longest a failure may take to be reported: the timeout plus a generous margin for a noisy machine. */
    private static final Duration BOUND = Duration.ofSeconds(4);

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.IMAP.dynamicPort());

    private TcpProxy proxy;
    private ImapGateway gateway;
    private Credentials ann;

    @BeforeEach
    void start() {
        MAIL.setUser("ann@example.org", "ann", "secret");
        ann = Credentials.password("ann", "secret", "127.0.0.1");
        proxy = TcpProxy.start(LoopbackPorts.HOST, MAIL.getImap().getPort());
        gateway = ImapGateway.start(TestSettings.loopback(proxy.port(), Optional.empty())
                .withTimeouts(TIMEOUT, TIMEOUT, TIMEOUT));
    }

    @AfterEach
    void stop() {
        gateway.close();
        proxy.close();
    }

    @Test
    void stoppedServerIsUnavailableAtOnceAndTheSameGatewayRecovers() {
        MailAccount account = gateway.login(ann);
        account.listMailboxes();
        long errorsBefore = gateway.stats().backendErrors();
        proxy.stop();
        MailException.BackendUnavailable down = assertUnavailableWithin(BOUND, account::listMailboxes);
        assertFalse(down.timeout(), "refused, not timed out");
        assertTrue(down.retryAfter().orElseThrow().toSeconds() > 0);
        assertUnavailableWithin(BOUND, () -> gateway.login(Credentials.password("bob", "pw", "127.0.0.2")));
        assertFalse(gateway.backendReachable());
        assertEquals(errorsBefore + 2, gateway.stats().backendErrors(), "monitoring counts both failures");

        proxy.start();
        assertTrue(gateway.backendReachable());
        assertTrue(account.listMailboxes().stream().anyMatch(m -> m.name().isInbox()), "the old account works again");
        assertEquals("ann", gateway.login(ann).user());
    }

    @Test
    void limitsNeedNoImapConnectionWhereServiceInfoDoes() {
        MailAccount account = gateway.login(ann);
        proxy.stop();
        // The failed listing drops the user's pooled connections, so serviceInfo() has to open a new one.
        assertUnavailableWithin(BOUND, account::listMailboxes);
        assertUnavailableWithin(BOUND, account::serviceInfo);
        assertEquals(TestSettings.loopback(proxy.port(), Optional.empty()).limits(), account.limits());
    }

    @Test
    void hungServerTimesOutWithinTheReadTimeoutAndTheSameGatewayRecovers() {
        MailAccount account = gateway.login(ann);
        account.listMailboxes();
        assertTrue(gateway.watchedSockets() > 0, "plain IMAP sockets are write-timed by the watchdog");
        proxy.pause();
        MailException.BackendUnavailable hung = assertUnavailableWithin(BOUND, account::listMailboxes);
        assertTrue(hung.timeout(), "a server that accepts and never answers is a timeout (504)");
        assertUnavailableWithin(BOUND, () -> gateway.login(Credentials.password("bob", "pw", "127.0.0.2")));
        long started = System.nanoTime();
        assertFalse(gateway.backendReachable());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(BOUND) < 0, "readiness probe is bounded");

        proxy.resume();
        assertTrue(account.listMailboxes().stream().anyMatch(m -> m.name().isInbox()), "the old account works again");
    }

    @Test
    void streamCutMidwayFailsTheReadInsteadOfHanging() throws IOException {
        MessageRef ref;
        try (ImapSession imap = ImapSession.login(LoopbackPorts.HOST, MAIL.getImap().getPort(), "ann", "secret")) {
            // Longer than what the read keeps in memory ahead of its caller (ADR 0044), so the cut is felt.
            ref = imap.append(MailboxName.INBOX, new GeneratedMessage(8 * 1024 * 1024, 3), Instant.now());
        }
        MailAccount account = gateway.login(ann);
        try (Content raw = account.openRaw(ref, ByteRange.ALL); InputStream in = raw.stream()) {
            assertTrue(in.read(new byte[1024]) > 0);
            proxy.pause();
            long started = System.nanoTime();
            assertThrows(IOException.class, () -> in.transferTo(OutputStream.nullOutputStream()));
            assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(BOUND) < 0, "bounded read");
        }
        proxy.resume();
        assertEquals(ref, account.summary(ref).ref());
    }

    @Test
    void appendToAHungServerTimesOutAndStoresNothing() {
        MailAccount account = gateway.login(ann);
        account.listMailboxes();
        proxy.pause();
        assertUnavailableWithin(BOUND, () -> account.append(MailboxName.INBOX, new GeneratedMessage(2 * 1024 * 1024, 5),
                Flags.NONE, Optional.empty()));
        // The gateway gave up on that connection; bytes still queued in the paused proxy must die with it, as they
        // would on a real network, instead of reaching the server after the resume.
        proxy.cutAll();
        proxy.resume();
        try (ImapSession imap = ImapSession.login(LoopbackPorts.HOST, MAIL.getImap().getPort(), "ann", "secret")) {
            assertEquals(0, imap.status(MailboxName.INBOX, "MESSAGES"), "a cut-off upload is not stored");
        }
        assertTrue(account.listMailboxes().stream().anyMatch(m -> m.name().isInbox()), "the account works again");
    }

    @Test
    void closedPortIsUnavailable() {
        int closed = LoopbackPorts.pickFree();
        try (ImapGateway nowhere = ImapGateway.start(TestSettings.loopback(closed, Optional.empty())
                .withTimeouts(TIMEOUT, TIMEOUT, TIMEOUT))) {
            MailException.BackendUnavailable e = assertUnavailableWithin(BOUND, () -> nowhere.login(ann));
            assertFalse(e.getMessage().contains("secret"));
            assertFalse(nowhere.backendReachable());
            assertEquals(0, nowhere.stats().openConnections());
        }
    }

    /**
     * A hundred outages of every kind (stopped, reset, hung) against one gateway: afterwards it holds no more IMAP
     * connections than the proxy sees open, no more than its per-user cap, and no more threads than before.
     */
    @Test
    void hundredOutagesLeakNeitherConnectionsNorThreads() throws InterruptedException {
        MailAccount account = gateway.login(ann);
        account.listMailboxes();
        int threadsBefore = liveThreads();
        for (int cycle = 0; cycle < 100; cycle++) {
            switch (cycle % 5) {
                case 0, 2 -> {
                    proxy.stop();
                    assertUnavailableWithin(BOUND, account::listMailboxes);
                    proxy.start();
                }
                case 1, 3 -> {
                    proxy.cutAll();
                    // A reset pooled connection may be replaced transparently; either outcome is fine, but fast.
                    long started = System.nanoTime();
                    try {
                        account.listMailboxes();
                    } catch (MailException.BackendUnavailable acceptable) {
                        assertFalse(acceptable.timeout());
                    }
                    assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(BOUND) < 0);
                }
                default -> {
                    proxy.pause();
                    assertUnavailableWithin(BOUND, account::listMailboxes);
                    proxy.resume();
                }
            }
            assertTrue(account.listMailboxes().stream().anyMatch(m -> m.name().isInbox()), "cycle " + cycle);
        }
        int cap = gateway.stats().openConnections();
        assertTrue(cap <= TestSettings.loopback(1, Optional.empty()).maxConnectionsPerUser(), gateway.stats()::toString);
        assertEquals(0, gateway.stats().leasedConnections(), gateway.stats()::toString);
        awaitTrue(() -> proxy.openConnections() == gateway.stats().openConnections(),
                () -> "proxy sees " + proxy.openConnections() + " connections, gateway " + gateway.stats());
        awaitTrue(() -> liveThreads() <= threadsBefore + 5,
                () -> liveThreads() + " threads after the outages, " + threadsBefore + " before");
    }

    private static int liveThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /** Waits up to 10 s for connections and threads being closed elsewhere to settle. */
    private static void awaitTrue(java.util.function.BooleanSupplier condition,
                                  java.util.function.Supplier<String> failure) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure.get());
            }
            Thread.sleep(50);
        }
    }

    static MailException.BackendUnavailable assertUnavailableWithin(Duration bound, Executable call) {
        long started = System.nanoTime();
        MailException.BackendUnavailable e = assertThrows(MailException.BackendUnavailable.class, call);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(took.compareTo(bound) < 0, "reported after " + took.toMillis() + " ms; bound " + bound);
        assertTrue(e.code().retryable() && e.retryAfter().isPresent(), "clients are told to retry");
        assertFalse(e.getMessage().isBlank());
        return e;
    }
}

package org.lemongate.mapping.imap;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.lemongate.mapping.ChangeSignal;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.GatewayStats;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailGateway;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mapping layer on Jakarta Mail: owns the connection pool, the failed-login limiter and the two small
 * housekeeping threads (idle eviction, write timeouts) shared by every connection.
 */
public final class ImapGateway implements MailGateway {

    private static final Logger LOG = LoggerFactory.getLogger(ImapGateway.class);
    /** A reused connection idle longer than this is checked with NOOP before a non-repeatable command. */
    private static final long VERIFY_AFTER_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final BackendSettings settings;
    private final Properties imapProps;
    private final Properties smtpProps;
    private final ConnectionPool pool;
    private final LoginThrottle throttle;
    private final Watchers watchers;
    private final ScheduledExecutorService housekeeping;
    private final ReadAhead readAhead = new ReadAhead();
    /** Null where Jakarta Mail's own write timer stays in charge (see {@link #watchdogCovers}). */
    private final WriteWatchdog watchdog;
    /** Logins running on the pool, by pool key, for requests with the same credentials to wait on. */
    private final Map<String, CompletableFuture<Void>> loginsInFlight = new ConcurrentHashMap<>();
    private final AtomicLong loginFailures = new AtomicLong();
    private final AtomicLong loginsThrottled = new AtomicLong();
    private final AtomicLong backendErrors = new AtomicLong();
    private final String version;

    private ImapGateway(BackendSettings settings, WatchMode watchMode) {
        this.settings = settings;
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "lemongate-imap-housekeeping");
            t.setDaemon(true);
            return t;
        });
        // Jakarta Mail schedules a write-timeout task for every socket write and cancels it when the write returns.
        // Kept until their deadline, the cancelled tasks would pile up by the thousand and wake this thread once
        // each; removed at once, the queue holds little more than the eviction scan.
        timer.setRemoveOnCancelPolicy(true);
        this.housekeeping = timer;
        javax.net.ssl.SSLSocketFactory tls = tlsSocketFactory(settings);
        this.imapProps = protocolProps("mail.imap", settings, tls, housekeeping);
        this.smtpProps = protocolProps("mail.smtp", settings, tls, housekeeping);
        this.watchdog = watchdogCovers(settings) ? new WriteWatchdog(settings.writeTimeout()) : null;
        if (watchdog != null) {
            useWatchdog(imapProps, watchdog);
            long tick = watchdog.period().toMillis();
            housekeeping.scheduleWithFixedDelay(watchdog::check, tick, tick, TimeUnit.MILLISECONDS);
        }
        this.pool = new ConnectionPool(settings, imapProps);
        this.watchers = new Watchers(settings, imapProps, housekeeping, pool, watchMode, this::answerOnPool);
        this.throttle = new LoginThrottle(settings.loginFailureLimit(), settings.loginFailureWindow(), System::nanoTime);
        long period = pool.scanPeriod().toMillis();
        housekeeping.scheduleWithFixedDelay(pool::evictIdle, period, period, TimeUnit.MILLISECONDS);
        String v = ImapGateway.class.getPackage().getImplementationVersion();
        this.version = v == null ? "development" : v;
    }

    /** Starts a gateway for the configured servers, watching by IDLE. Nothing connects until the first request. */
    public static ImapGateway start(BackendSettings settings) {
        return new ImapGateway(settings, WatchMode.idle());
    }

    /** Starts a gateway whose watchers work in the given mode (IDLE, or NOOP polling: ADR 0069). */
    public static ImapGateway start(BackendSettings settings, WatchMode watchMode) {
        return new ImapGateway(settings, watchMode);
    }

    private static Properties protocolProps(String prefix, BackendSettings s, javax.net.ssl.SSLSocketFactory tls,
                                            ScheduledExecutorService timer) {
        Properties p = new Properties();
        p.put(prefix + ".connectiontimeout", Long.toString(s.connectTimeout().toMillis()));
        p.put(prefix + ".timeout", Long.toString(s.readTimeout().toMillis()));
        p.put(prefix + ".writetimeout", Long.toString(s.writeTimeout().toMillis()));
        // One shared timer instead of Jakarta Mail's default of one thread per connection.
        p.put(prefix + ".executor.writetimeout", timer);
        p.put(prefix + ".ssl.checkserveridentity", "true");
        if (tls != null) {
            p.put(prefix + ".ssl.socketFactory", tls);
        }
        if (prefix.equals("mail.imap")) {
            p.put("mail.imap.partialfetch", "true");
            p.put("mail.imap.fetchsize", Integer.toString(s.fetchChunkBytes()));
        }
        return p;
    }

    /**
     * Whether every IMAP socket comes from {@code mail.imap.socketFactory}. Jakarta Mail ignores that factory only
     * for implicit TLS with a trust store of our own (it then opens the socket under {@code ssl.socketFactory}
     * itself), where its per-write timer stays in charge.
     */
    private static boolean watchdogCovers(BackendSettings s) {
        return !(s.imap().getScheme().equalsIgnoreCase("imaps") && s.trustStore().isPresent());
    }

    /** Swaps Jakarta Mail's timer task per write for the cheaper watchdog (ADR 0009). */
    private static void useWatchdog(Properties imap, WriteWatchdog watchdog) {
        imap.remove("mail.imap.writetimeout");
        imap.remove("mail.imap.executor.writetimeout");
        imap.put("mail.imap.socketFactory", watchdog.socketFactory());
    }

    private static javax.net.ssl.SSLSocketFactory tlsSocketFactory(BackendSettings s) {
        if (s.trustStore().isEmpty()) {
            return null;
        }
        try (InputStream in = java.nio.file.Files.newInputStream(s.trustStore().get())) {
            char[] password = s.trustStorePassword().map(String::toCharArray).orElse(null);
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType().equals("jks") && s.trustStore().get()
                    .toString().endsWith(".jks") ? "JKS" : "PKCS12");
            ks.load(in, password);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the trust store " + s.trustStore().get() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public MailAccount login(Credentials credentials) {
        try {
            throttle.check(credentials);
        } catch (MailException.RateLimited e) {
            loginsThrottled.incrementAndGet();
            throw e;
        }
        if (!pool.hasIdle(credentials) && !watchers.serves(credentials)) {
            checkLogin(credentials);
        }
        throttle.succeeded(credentials);
        return new ImapAccount(this, credentials);
    }

    /**
     * Logs in on the pool once; requests with the same credentials arriving meanwhile wait for that login instead of
     * opening connections of their own (ten event streams of a user opening at once then cost one login, ADR 0068).
     */
    private void checkLogin(Credentials credentials) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> running = loginsInFlight.putIfAbsent(credentials.poolKey(), mine);
        if (running != null) {
            try {
                running.get(settings.connectTimeout().plus(settings.readTimeout()).toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof MailException.AuthFailed refused) {
                    throw refused; // counted once, by the login that was refused
                }
                // another failure: try for ourselves
            } catch (TimeoutException e) {
                // try for ourselves
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MailException.BackendUnavailable("interrupted while logging in", Failures.RETRY_AFTER,
                        false, e);
            }
            if (pool.hasIdle(credentials) || watchers.serves(credentials)) {
                return;
            }
            mine = null;
        }
        try {
            pool.release(pool.lease(credentials));
            if (mine != null) {
                mine.complete(null);
            }
        } catch (MailException.AuthFailed e) {
            loginFailures.incrementAndGet();
            throttle.failed(credentials);
            LOG.info("IMAP login refused for user {} from {}", credentials.user(), credentials.clientAddress());
            if (mine != null) {
                mine.completeExceptionally(e);
            }
            throw e;
        } catch (MailException e) {
            countBackendError(e);
            if (mine != null) {
                mine.completeExceptionally(e);
            }
            throw e;
        } finally {
            if (mine != null) {
                loginsInFlight.remove(credentials.poolKey(), mine);
            }
        }
    }

    /**
     * Runs IMAP work on one of the user's pooled connections. A broken connection is discarded; when a reused
     * connection turns out dead (typically after a server restart), the user's other idle connections are dropped too
     * and repeatable work is tried once more on a fresh connection.
     */
    <T> T run(Credentials credentials, boolean repeatable, String what, ImapWork<T> work) {
        for (int attempt = 0; ; attempt++) {
            ImapConnection c;
            try {
                c = pool.lease(credentials);
            } catch (MailException e) {
                countBackendError(e);
                throw e;
            }
            boolean reused = c.uses() > 0;
            try {
                if (reused && !repeatable && c.idleNanos() > VERIFY_AFTER_NANOS && !alive(c)) {
                    pool.dropIdle(credentials.user());
                    continue;
                }
                T result = work.run(c);
                c.used();
                return result;
            } catch (ProtocolException e) {
                boolean broken = Failures.breaksConnection(e);
                if (broken) {
                    c.markBroken();
                }
                // A dead pooled connection (server restarted) is worth one retry; a timeout is not: the server is
                // there but silent, and a retry would only double the wait.
                if (broken && reused && repeatable && attempt == 0 && !Failures.isTimeout(e)) {
                    pool.dropIdle(credentials.user());
                    continue;
                }
                MailException m = Failures.translate(e, what);
                countBackendError(m);
                throw m;
            } catch (MailException e) {
                countBackendError(e);
                throw e;
            } catch (RuntimeException | Error e) {
                c.markBroken();
                throw e;
            } finally {
                pool.release(c);
            }
        }
    }

    private static boolean alive(ImapConnection c) {
        try {
            c.protocol().noop();
            return true;
        } catch (ProtocolException e) {
            c.markBroken();
            return false;
        }
    }

    private void countBackendError(MailException e) {
        if (e instanceof MailException.BackendUnavailable || e instanceof MailException.BackendError) {
            backendErrors.incrementAndGet();
        }
    }

    /** IMAP work on a leased connection. */
    @FunctionalInterface
    interface ImapWork<T> {
        T run(ImapConnection connection) throws ProtocolException;
    }

    BackendSettings settings() {
        return settings;
    }

    ReadAhead readAhead() {
        return readAhead;
    }

    Properties smtpProps() {
        return smtpProps;
    }

    String version() {
        return version;
    }

    /**
     * Checks the credentials (on the pool, unless the user's watcher logged in with the same ones), attaches to the
     * user's watcher and checks the mailbox on the watcher's connection.
     */
    @Override
    public Subscription watch(Credentials credentials, MailboxName mailbox, Consumer<ChangeSignal> listener) {
        login(credentials);
        return watchers.watch(credentials, mailbox, listener);
    }

    private <T> T answerOnPool(Credentials credentials, WatcherQuestions.Question<T> question) {
        return run(credentials, true, question.what(), question::answer);
    }

    /** IMAP sockets the watchdog times (connected, not yet found closed); 0 where Jakarta Mail's own timer does. */
    int watchedSockets() {
        return watchdog == null ? 0 : watchdog.watched();
    }

    /** How many users have a watcher now. */
    int watchedUsers() {
        return watchers.watchedUsers();
    }

    @Override
    public boolean backendReachable() {
        boolean ssl = settings.imap().getScheme().equalsIgnoreCase("imaps");
        int port = settings.imap().getPort() > 0 ? settings.imap().getPort() : ssl ? 993 : 143;
        try {
            IMAPProtocol p = new IMAPProtocol("imap", settings.imap().getHost(), port, imapProps, ssl,
                    new org.eclipse.angus.mail.util.MailLogger(ImapGateway.class, "DEBUG IMAP", false, System.out));
            p.disconnect();
            return true;
        } catch (IOException | ProtocolException e) {
            return false;
        }
    }

    @Override
    public GatewayStats stats() {
        return new GatewayStats(pool.openConnections(), pool.leasedConnections(), pool.opened(), pool.discarded(),
                loginFailures.get(), loginsThrottled.get(), backendErrors.get());
    }

    @Override
    public void close() {
        watchers.close();
        readAhead.close();
        pool.close();
        housekeeping.shutdownNow();
    }
}

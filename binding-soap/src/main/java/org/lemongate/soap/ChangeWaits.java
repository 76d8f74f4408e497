package org.lemongate.soap;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.lemongate.mapping.ChangeSignal;
import org.lemongate.mapping.Changes;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailGateway;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.Subscription;
import org.lemongate.mapping.SyncToken;

/**
 * WaitForChanges: the changes since a sync token, or, while there are none, a wait for the user's watcher to signal
 * some, for at most the hold time. A wait holds no thread: it is a subscription, a timer and a future that completes
 * once. The first query is the request's own ({@link MailAccount#changesSince}); a signal then asks the watcher
 * ({@link Subscription#changesSince}), which answers on the user's one watching connection, so a held wait pins no
 * pooled connection (ADR 0068). A signal that brings nothing new costs a query, and the sync token alone decides
 * what the client gets.
 */
final class ChangeWaits implements AutoCloseable {

    /** The longest hold by default; below the 30 s after which common proxies give up on a silent response. */
    static final Duration DEFAULT_MAX_HOLD = Duration.ofSeconds(25);
    /** Waits held at once in this gateway; more get RATE_LIMITED. */
    static final int MAX_WAITS = 1_000;

    private static final Duration RETRY_WHEN_FULL = Duration.ofSeconds(5);

    private final MailGateway gateway;
    private final Duration maxHold;
    private final Semaphore slots = new Semaphore(MAX_WAITS);
    private final Set<Wait> held = ConcurrentHashMap.newKeySet();
    // Timers and the queries signals trigger; never the watcher's own thread, which must not block.
    private final ScheduledExecutorService worker = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "lemongate-soap-wait");
        t.setDaemon(true);
        return t;
    });

    ChangeWaits(MailGateway gateway, Duration maxHold) {
        if (maxHold.isNegative() || maxHold.isZero()) {
            throw new IllegalArgumentException("the longest hold must be positive");
        }
        this.gateway = gateway;
        this.maxHold = maxHold;
    }

    /** The longest hold this gateway grants; also the hold when a client does not ask for one. */
    Duration maxHold() {
        return maxHold;
    }

    /**
     * Starts waiting for changes of {@code mailbox} since {@code token}. The first query runs on the calling thread,
     * so its errors are thrown from here; later ones complete the future exceptionally with a {@link MailException}.
     *
     * @param hold how long to wait while nothing changed, at most {@link #maxHold()}; zero means answer at once
     * @return the changes, or after {@code hold} empty changes with a token that is as good as {@code token}
     * @throws MailException.RateLimited when {@link #MAX_WAITS} waits are held already
     */
    CompletableFuture<Changes> start(Credentials credentials, MailAccount account, MailboxName mailbox,
                                     SyncToken token, int maxChanges, Duration hold) {
        if (hold.isNegative() || hold.compareTo(maxHold) > 0) {
            throw new MailException.InvalidInput("maxWaitSeconds", "the hold must be 0 to "
                    + maxHold.toSeconds() + " seconds");
        }
        if (!slots.tryAcquire()) {
            throw new MailException.RateLimited("the gateway holds as many waiting requests as it may ("
                    + MAX_WAITS + "); call SyncFolder or try again shortly", RETRY_WHEN_FULL);
        }
        Wait wait = new Wait(account, mailbox, token, maxChanges);
        held.add(wait);
        wait.result.whenComplete((changes, error) -> {
            held.remove(wait);
            slots.release();
        });
        try {
            if (!hold.isZero()) {
                // Subscribe before the first query: a change between the two is then signalled, not missed.
                wait.subscription = gateway.watch(credentials, mailbox, wait::signal);
            }
            wait.query();
        } catch (RuntimeException e) {
            wait.result.completeExceptionally(e);
            throw e;
        }
        if (hold.isZero()) {
            wait.expire();
        } else if (!wait.result.isDone()) {
            ScheduledFuture<?> timer = worker.schedule(wait::expire, hold.toMillis(), TimeUnit.MILLISECONDS);
            wait.result.whenComplete((changes, error) -> timer.cancel(false));
        }
        return wait.result;
    }

    /** Answers every held wait now, empty, so no suspended request outlives the binding; then stops the timers. */
    @Override
    public void close() {
        held.forEach(Wait::expire);
        worker.shutdownNow();
    }

    /** One waiting request. */
    private final class Wait {
        final CompletableFuture<Changes> result = new CompletableFuture<>();
        final MailAccount account;
        final MailboxName mailbox;
        final int maxChanges;
        /** Signals not yet answered: 0 when no question is out, more than 1 when signals came while one was. */
        final AtomicInteger signals = new AtomicInteger();
        volatile SyncToken token;
        volatile Subscription subscription;

        Wait(MailAccount account, MailboxName mailbox, SyncToken token, int maxChanges) {
            this.account = account;
            this.mailbox = mailbox;
            this.token = token;
            this.maxChanges = maxChanges;
            result.whenComplete((changes, error) -> {
                Subscription s = subscription;
                if (s != null) {
                    s.close();
                }
            });
        }

        /** Runs on the watcher's thread: only asks the watcher, one question at a time. */
        void signal(ChangeSignal signal) {
            if (signal.kind() != ChangeSignal.Kind.INTERRUPTED && !result.isDone()
                    && signals.getAndIncrement() == 0) {
                ask();
            }
        }

        private void ask() {
            Subscription s = subscription;
            if (s == null) {
                // Signalled while subscribing: the first query, which runs next, sees that change.
                signals.set(0);
                return;
            }
            s.changesSince(token, maxChanges).whenCompleteAsync((changes, error) -> {
                if (error != null) {
                    Throwable cause = error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error;
                    result.completeExceptionally(cause);
                    return;
                }
                answered(changes);
                // Signals that came while the question was out may name changes its answer did not see.
                if (!result.isDone() && !signals.compareAndSet(1, 0)) {
                    signals.set(1);
                    ask();
                }
            }, worker);
        }

        /** The first query, the request's own, on the calling thread. */
        void query() {
            answered(account.changesSince(mailbox, token, maxChanges));
        }

        private void answered(Changes changes) {
            if (result.isDone()) {
                return;
            }
            if (!changes.isEmpty() || changes.more()) {
                result.complete(changes);
            } else {
                token = changes.next();
            }
        }

        void expire() {
            result.complete(new Changes(List.of(), List.of(), List.of(), false, token));
        }
    }
}

package org.lemongate.mapping.imap;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.lemongate.mapping.ChangeSignal;
import org.lemongate.mapping.Changes;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.Subscription;
import org.lemongate.mapping.SyncToken;

/**
 * The gateway's watchers, one per user with subscribers: created with the first subscription, closed with the last.
 * Each has one thread and one IMAP connection, so the number of watched users is capped (ADR 0062). A new watcher
 * adopts the idle pooled connection the subscriber's login check left, so a user's push costs one IMAP connection in
 * all (ADR 0068).
 */
final class Watchers {

    /** Answers a question on the request pool, for a subscriber whose secret differs from the watcher's. */
    interface PoolAnswers {
        <T> T answer(Credentials credentials, WatcherQuestions.Question<T> question);
    }

    /** Users watched at once at most: each costs one thread and one IMAP connection. */
    static final int MAX_WATCHED_USERS = 2000;

    private final BackendSettings settings;
    private final Properties props;
    private final ScheduledExecutorService timer;
    private final ConnectionPool pool;
    private final WatchMode mode;
    private final PoolAnswers poolAnswers;
    private final Map<String, UserWatcher> byUser = new HashMap<>();
    private final AtomicInteger threads = new AtomicInteger();
    private boolean closed;

    Watchers(BackendSettings settings, Properties props, ScheduledExecutorService timer, ConnectionPool pool,
             WatchMode mode, PoolAnswers poolAnswers) {
        this.settings = settings;
        this.props = props;
        this.timer = timer;
        this.pool = pool;
        this.mode = mode;
        this.poolAnswers = poolAnswers;
    }

    /** Whether a watcher logged in with exactly these credentials serves the user, so they need no login check. */
    synchronized boolean serves(Credentials credentials) {
        UserWatcher w = byUser.get(credentials.user());
        return w != null && w.uses(credentials);
    }

    /**
     * Subscribes; returns once the watcher covers the mailbox (or after the connect timeout when the server is slow:
     * the subscriber then hears {@link ChangeSignal.Kind#RECONNECTED} once it is watched).
     */
    Subscription watch(Credentials credentials, MailboxName mailbox, Consumer<ChangeSignal> listener) {
        UserWatcher w;
        CompletableFuture<Void> ready;
        synchronized (this) {
            if (closed) {
                throw new MailException.BackendUnavailable("the gateway is shutting down", Failures.RETRY_AFTER,
                        false, null);
            }
            w = byUser.get(credentials.user());
            if (w == null) {
                if (byUser.size() >= MAX_WATCHED_USERS) {
                    throw new MailException.RateLimited("the gateway watches as many users as it can ("
                            + MAX_WATCHED_USERS + "); retry later", Duration.ofSeconds(30));
                }
                w = new UserWatcher(settings, props, timer, credentials, mode, pool.adopt(credentials));
                byUser.put(credentials.user(), w);
                ready = w.add(mailbox, listener);
                Thread t = new Thread(w, "lemongate-watch-" + threads.incrementAndGet());
                t.setDaemon(true);
                w.start(t);
            } else {
                ready = w.add(mailbox, listener);
            }
        }
        try {
            ready.get(settings.connectTimeout().plus(settings.readTimeout()).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Not watched yet: the watcher keeps trying and sends RECONNECTED when it gets there.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Watch watch = new Watch(credentials, w, mailbox, listener);
        try {
            Subscription.await(watch.ask(new WatcherQuestions.MailboxExists(mailbox)));
        } catch (MailException e) {
            watch.close();
            throw e;
        }
        return watch;
    }

    /** One subscription: its questions go to the user's watcher (or to the pool when its secret differs). */
    private final class Watch implements Subscription {

        private final Credentials credentials;
        private final UserWatcher watcher;
        private final MailboxName mailbox;
        private final Consumer<ChangeSignal> listener;
        private final AtomicBoolean open = new AtomicBoolean(true);

        Watch(Credentials credentials, UserWatcher watcher, MailboxName mailbox, Consumer<ChangeSignal> listener) {
            this.credentials = credentials;
            this.watcher = watcher;
            this.mailbox = mailbox;
            this.listener = listener;
        }

        @Override
        public CompletableFuture<SyncToken> syncToken() {
            return ask(new WatcherQuestions.TokenOf(mailbox));
        }

        @Override
        public CompletableFuture<Changes> changesSince(SyncToken token, int maxChanges) {
            try {
                return ask(new WatcherQuestions.ChangesSince(mailbox, token, maxChanges));
            } catch (MailException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        <T> CompletableFuture<T> ask(WatcherQuestions.Question<T> question) {
            if (!open.get()) {
                return CompletableFuture.failedFuture(new MailException.BackendUnavailable(
                        "the subscription was closed", Failures.RETRY_AFTER, false, null));
            }
            if (!watcher.uses(credentials)) {
                // Another secret than the watcher logged in with: its answers come from connections opened with it.
                try {
                    return CompletableFuture.completedFuture(poolAnswers.answer(credentials, question));
                } catch (MailException e) {
                    return CompletableFuture.failedFuture(e);
                }
            }
            return bounded(watcher.ask(question));
        }

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                release(credentials.user(), watcher, mailbox, listener);
            }
        }
    }

    /**
     * The answer, or BACKEND_UNAVAILABLE (timeout) when none came in time: the watcher answers between rounds and
     * each of its commands is bounded by the read timeout, so this only fires when the server stalls.
     */
    private <T> CompletableFuture<T> bounded(CompletableFuture<T> answer) {
        CompletableFuture<T> out = new CompletableFuture<>();
        long limit = settings.connectTimeout().plus(settings.readTimeout()).multipliedBy(2).toMillis();
        ScheduledFuture<?> timeout = timer.schedule(() -> out.completeExceptionally(
                new MailException.BackendUnavailable("the IMAP server did not answer within " + limit / 1000
                        + " s; retry shortly", Failures.RETRY_AFTER, true, null)), limit, TimeUnit.MILLISECONDS);
        answer.whenComplete((value, error) -> {
            timeout.cancel(false);
            if (error == null) {
                out.complete(value);
            } else {
                out.completeExceptionally(error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error);
            }
        });
        return out;
    }

    private void release(String user, UserWatcher w, MailboxName mailbox, Consumer<ChangeSignal> listener) {
        synchronized (this) {
            if (!w.remove(mailbox, listener) || byUser.get(user) != w) {
                return;
            }
            byUser.remove(user);
        }
        w.close();
    }

    /** How many users are watched now. */
    synchronized int watchedUsers() {
        return byUser.size();
    }

    void close() {
        List<UserWatcher> all;
        synchronized (this) {
            closed = true;
            all = List.copyOf(byUser.values());
            byUser.clear();
        }
        all.forEach(UserWatcher::close);
    }
}

package org.lemongate.mapping.imap;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.lemongate.mapping.ChangeSignal;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.Subscription;

/**
 * The gateway's watchers, one per user with subscribers: created with the first subscription, closed with the last.
 * Each has one thread and one IMAP connection, so the number of watched users is capped (ADR 0062).
 */
final class Watchers {

    /** Users watched at once at most: each costs one thread and one IMAP connection. */
    static final int MAX_WATCHED_USERS = 2000;

    private final BackendSettings settings;
    private final Properties props;
    private final ScheduledExecutorService timer;
    private final Map<String, UserWatcher> byUser = new HashMap<>();
    private final AtomicInteger threads = new AtomicInteger();
    private boolean closed;

    Watchers(BackendSettings settings, Properties props, ScheduledExecutorService timer) {
        this.settings = settings;
        this.props = props;
        this.timer = timer;
    }

    /**
     * Subscribes; returns once the watcher covers the mailbox (or after the connect timeout when the server is slow:
     * the subscriber then hears {@link ChangeSignal.Kind#RECONNECTED} once it is watched).
     */
    Subscription watch(Credentials credentials, MailboxName mailbox, Consumer<ChangeSignal> listener) {
        UserWatcher w;
        java.util.concurrent.CompletableFuture<Void> ready;
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
                w = new UserWatcher(settings, props, timer, credentials);
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
        UserWatcher watcher = w;
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) {
                release(credentials.user(), watcher, mailbox, listener);
            }
        };
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

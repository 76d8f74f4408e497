package org.lemongate.rest;

import java.util.concurrent.atomic.AtomicBoolean;

import org.lemongate.mapping.ChangeSignal;
import org.lemongate.mapping.Changes;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.Subscription;
import org.lemongate.mapping.SyncToken;

/**
 * One waiting request's or stream's view of a mailbox: subscribed to the user's watcher, it asks for the changes since
 * its token whenever a signal comes (on the push pool, never on the watcher's thread) and hands every non-empty page to
 * its sink. Signals that arrive while a query is queued are merged into it; queries of one watch never overlap.
 */
final class ChangeWatch implements AutoCloseable {

    /** Where the changes go. */
    interface Sink {
        /** Takes one non-empty page; returns false to end the watch. */
        boolean deliver(Changes changes);

        /** The watch ended with a failure (resync required, credentials refused, ...). */
        void fail(MailException e);
    }

    private final Push push;
    private final MailAccount account;
    private final MailboxName mailbox;
    private final int limit;
    private final Sink sink;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private SyncToken token;
    private volatile Subscription subscription;

    ChangeWatch(Push push, MailAccount account, MailboxName mailbox, SyncToken from, int limit, Sink sink) {
        this.push = push;
        this.account = account;
        this.mailbox = mailbox;
        this.token = from;
        this.limit = limit;
        this.sink = sink;
    }

    /**
     * Subscribes, then queries once: a change made before the subscription took hold is found by that query, one
     * made after it by a signal.
     */
    void start(Credentials credentials) {
        subscribe(credentials);
        request();
    }

    /** Subscribes without querying yet (a stream writes its preamble in between). */
    void subscribe(Credentials credentials) {
        subscription = push.gateway().watch(credentials, mailbox, this::signal);
        if (closed.get()) {
            subscription.close();
        }
    }

    private void signal(ChangeSignal s) {
        if (s.kind() != ChangeSignal.Kind.INTERRUPTED) {
            request();
        }
    }

    /** Queues a query unless one is queued already. */
    void request() {
        if (!closed.get() && queued.compareAndSet(false, true)) {
            try {
                push.executor().execute(this::query);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                close(); // shutting down
            }
        }
    }

    private synchronized void query() {
        queued.set(false);
        try {
            Changes page;
            do {
                if (closed.get()) {
                    return;
                }
                page = account.changesSince(mailbox, token, limit);
                token = page.next();
                if (!page.isEmpty() && !sink.deliver(page)) {
                    close();
                    return;
                }
            } while (page.more());
        } catch (MailException.BackendUnavailable | MailException.RateLimited e) {
            // The watcher reconnects and signals RECONNECTED; the token keeps what is still to be reported.
        } catch (MailException e) {
            close();
            sink.fail(e);
        }
    }

    /** The position after the last page handed to the sink (or the starting token). */
    synchronized SyncToken token() {
        return token;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            Subscription s = subscription;
            if (s != null) {
                s.close();
            }
        }
    }
}

package org.lemongate.rest;

import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.lemongate.mapping.ChangeSignal;
import org.lemongate.mapping.Changes;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.Subscription;
import org.lemongate.mapping.SyncToken;

/**
 * One waiting request's or stream's view of a mailbox: subscribed to the user's watcher, it asks for the changes since
 * its token whenever a signal comes and hands every non-empty page to its sink (on the push pool, never on the
 * watcher's thread). The questions go to the watcher's own connection, where equal ones of the user's other
 * subscribers share one query (ADR 0068). Signals that arrive while a question is out are merged into one more
 * question after it; questions of one watch never overlap.
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
    private final MailboxName mailbox;
    private final int limit;
    private final Sink sink;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Guarded by {@code this}: the position after the last page handed to the sink. */
    private SyncToken token;
    /** Guarded by {@code this}: a question is out, and whether a signal came since it was asked. */
    private boolean asking;
    private boolean askAgain;
    private volatile Subscription subscription;

    ChangeWatch(Push push, MailboxName mailbox, int limit, Sink sink) {
        this.push = push;
        this.mailbox = mailbox;
        this.limit = limit;
        this.sink = sink;
    }

    /**
     * Subscribes from {@code from}, then asks once: a change made before the subscription took hold is found by that
     * question, one made after it by a signal.
     */
    void start(Credentials credentials, SyncToken from) {
        subscribe(credentials, Optional.of(from));
        request();
    }

    /**
     * Subscribes without asking yet (a stream writes its preamble in between), starting from {@code from} or, without
     * one, from the mailbox's current token (read on the watcher's connection).
     */
    void subscribe(Credentials credentials, Optional<SyncToken> from) {
        Subscription s = push.gateway().watch(credentials, mailbox, this::signal);
        subscription = s;
        if (closed.get()) {
            s.close();
            return;
        }
        try {
            SyncToken start = from.isPresent() ? from.get() : Subscription.await(s.syncToken());
            synchronized (this) {
                token = start;
            }
        } catch (MailException e) {
            close();
            throw e;
        }
    }

    private void signal(ChangeSignal s) {
        if (s.kind() != ChangeSignal.Kind.INTERRUPTED) {
            request();
        }
    }

    /** Asks for the changes since the token, or once more after the question that is out. */
    void request() {
        synchronized (this) {
            if (closed.get() || token == null) {
                return;
            }
            if (asking) {
                askAgain = true;
                return;
            }
            asking = true;
        }
        ask();
    }

    private void ask() {
        SyncToken from;
        synchronized (this) {
            from = token;
        }
        try {
            subscription.changesSince(from, limit).whenCompleteAsync(this::answered, push.executor());
        } catch (RejectedExecutionException e) {
            close(); // shutting down
        }
    }

    private void answered(Changes page, Throwable error) {
        if (closed.get()) {
            return;
        }
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause()
                    : error;
            synchronized (this) {
                asking = false;
                askAgain = false;
            }
            if (cause instanceof MailException.BackendUnavailable || cause instanceof MailException.RateLimited) {
                return; // the watcher reconnects and signals RECONNECTED; the token keeps what is still to come
            }
            close();
            sink.fail(cause instanceof MailException m ? m
                    : new MailException.BackendError("reading the changes failed unexpectedly", cause));
            return;
        }
        synchronized (this) {
            token = page.next();
        }
        if (!page.isEmpty() && !sink.deliver(page)) {
            close();
            return;
        }
        boolean again;
        synchronized (this) {
            again = page.more() || askAgain;
            askAgain = false;
            asking = again;
        }
        if (again) {
            ask();
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

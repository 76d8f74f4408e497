package org.lemongate.mapping.imap;

import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Worker threads that fetch the next chunk of a sequential body read while the caller is still writing the current
 * one to its HTTP client (ADR 0043). A task either starts at once on a free worker or is refused: nothing queues, so
 * a fetch never waits behind others and, with every worker busy, a download simply reads its next chunk itself as it
 * did before. A worker holds a pooled connection only for the FETCH it runs, never while a client is slow.
 */
final class ReadAhead implements AutoCloseable {

    /** Downloads that can have a chunk in flight at once; beyond that they fetch on the caller's thread. */
    static final int WORKERS = 32;

    private final ThreadPoolExecutor workers;

    ReadAhead() {
        AtomicInteger n = new AtomicInteger();
        workers = new ThreadPoolExecutor(0, WORKERS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "lemongate-read-ahead-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts {@code fetch} on a free worker; empty when none is free (or after {@link #close}). */
    <T> Optional<Future<T>> start(Supplier<T> fetch) {
        FutureTask<T> task = new FutureTask<>(fetch::get);
        try {
            workers.execute(task);
            return Optional.of(task);
        } catch (RejectedExecutionException busy) {
            return Optional.empty();
        }
    }

    /** Refuses further tasks; fetches under way finish and release their connections. */
    @Override
    public void close() {
        workers.shutdown();
    }
}

package org.lemongate.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The threads of one {@link TcpProxy}: daemon, named, tracked until they end, and joinable all at once. */
final class ProxyThreads {

    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);

    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    void start(String name, Runnable body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } finally {
                threads.remove(Thread.currentThread());
            }
        }, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    List<Thread> alive() {
        return threads.stream().filter(Thread::isAlive).toList();
    }

    /**
     * Waits until every thread has ended, including threads started meanwhile by the ones being joined.
     *
     * @throws IllegalStateException when some are still running after the timeout
     */
    void joinAll() {
        long deadline = System.nanoTime() + JOIN_TIMEOUT.toNanos();
        List<Thread> remaining = alive();
        while (!remaining.isEmpty()) {
            for (Thread thread : remaining) {
                long leftMillis = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                try {
                    thread.join(leftMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            remaining = alive();
            if (!remaining.isEmpty() && System.nanoTime() > deadline) {
                throw new IllegalStateException("Proxy threads still running: " + remaining);
            }
        }
    }
}

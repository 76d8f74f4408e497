package org.lemongate.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** The latency of every request (HTTP) or command (IMAP, SMTP) a client makes during one step, in milliseconds. */
final class Latencies {

    private final List<Double> millis = new ArrayList<>();

    /** Runs one request and records how long it took, also when it fails. */
    <T> T time(Callable<T> request) throws Exception {
        long start = System.nanoTime();
        try {
            return request.call();
        } finally {
            record(System.nanoTime() - start);
        }
    }

    synchronized void record(long nanos) {
        millis.add(nanos / 1_000_000.0);
    }

    synchronized List<Double> values() {
        return List.copyOf(millis);
    }
}

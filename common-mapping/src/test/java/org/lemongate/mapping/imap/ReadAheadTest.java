package org.lemongate.mapping.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Fetches ahead start at once on a free worker or not at all: nothing queues behind busy workers. */
class ReadAheadTest {

    @Test
    void refusesWhenEveryWorkerIsBusyAndAfterClose() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Future<String>> running = new ArrayList<>();
        try (ReadAhead ahead = new ReadAhead()) {
            for (int i = 0; i < ReadAhead.WORKERS; i++) {
                int n = i;
                running.add(ahead.start(() -> {
                    await(release);
                    return "chunk " + n;
                }).orElseThrow(() -> new AssertionError("worker " + n + " should be free")));
            }
            assertTrue(ahead.start(() -> "one too many").isEmpty(), "all workers are busy: the caller reads itself");
            release.countDown();
            for (int i = 0; i < running.size(); i++) {
                assertEquals("chunk " + i, running.get(i).get(10, TimeUnit.SECONDS));
            }
            assertEquals("again", awaitStart(ahead).get(10, TimeUnit.SECONDS), "a finished worker is free again");
            ahead.close();
            assertTrue(ahead.start(() -> "late").isEmpty(), "a closed gateway fetches nothing ahead");
        }
    }

    /** A worker that just finished may take a moment to be handed back to the pool. */
    private static Future<String> awaitStart(ReadAhead ahead) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            var f = ahead.start(() -> "again");
            if (f.isPresent()) {
                return f.get();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no worker became free");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

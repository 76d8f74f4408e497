package org.lemongate.mapping.imap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.lemongate.mapping.MailException;

/** The hand-over between a literal's reader and its caller: bounded in memory and in how long the reader waits. */
class LiteralWindowTest {

    private static final int LITERAL = 20 * LiteralWindow.PIECE + 123;

    @Test
    void aCallerThatKeepsUpGetsEveryByteInOrder() throws Exception {
        byte[] data = data(LITERAL);
        LiteralWindow window = new LiteralWindow();
        // As the worker does once its connection is back in the pool.
        CompletableFuture<Boolean> reader = CompletableFuture.supplyAsync(() -> {
            boolean whole = fill(window, data);
            window.finish();
            return whole;
        });
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        for (LiteralWindow.Piece p = window.next(); p != null; p = window.next()) {
            got.write(p.bytes(), 0, p.length());
            window.recycle(p.bytes());
        }
        assertTrue(reader.get(10, TimeUnit.SECONDS), "the reader got to the literal's end");
        assertTrue(window.isComplete());
        assertArrayEquals(data, got.toByteArray());
    }

    @Test
    void theReaderStopsWhenTheCallerIsSlowerThanThePatienceHoldingNoMoreThanTheWindow() throws Exception {
        LiteralWindow window = new LiteralWindow(Duration.ofMillis(200));
        long started = System.nanoTime();
        CompletableFuture<Boolean> reader = CompletableFuture.supplyAsync(() -> fill(window, data(LITERAL)));
        assertFalse(reader.get(10, TimeUnit.SECONDS), "a caller that takes nothing makes the reader stop");
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(waited >= 200 && waited < 5_000, "stopped after its patience: " + waited + " ms");
        assertEquals((long) LiteralWindow.PIECES * LiteralWindow.PIECE, window.received(),
                "the window holds its pieces and no more");
        window.stop();
        int served = 0;
        for (LiteralWindow.Piece p = window.next(); p != null; p = window.next()) {
            served += p.length();
        }
        assertEquals(window.received(), served, "what was read is still served, then the caller goes on alone");
        assertFalse(window.isComplete());
    }

    @Test
    void aCallerThatLeavesMakesTheReaderStopAtOnce() throws Exception {
        LiteralWindow window = new LiteralWindow(Duration.ofMinutes(5));
        CompletableFuture<Boolean> reader = CompletableFuture.supplyAsync(() -> fill(window, data(LITERAL)));
        assertEquals(LiteralWindow.PIECE, window.next().length());
        window.close();
        assertFalse(reader.get(10, TimeUnit.SECONDS), "no waiting out the patience for a caller who has gone");
    }

    @Test
    void aFailureReachesTheCallerAfterTheBytesReadBeforeIt() throws Exception {
        LiteralWindow window = new LiteralWindow();
        byte[] piece = window.emptyPiece();
        window.put(piece, 10);
        MailException failure = new MailException.BackendUnavailable("gone", Failures.RETRY_AFTER, false, null);
        window.fail(failure);
        assertSame(piece, window.next().bytes());
        assertSame(failure, assertThrows(MailException.BackendUnavailable.class, window::next));
    }

    @Test
    void anEmptyFinishedWindowEndsAtOnce() throws Exception {
        LiteralWindow window = new LiteralWindow();
        window.finish();
        assertNull(window.next());
        assertTrue(window.isComplete());
    }

    private static boolean fill(LiteralWindow window, byte[] data) {
        try (InputStream in = new ByteArrayInputStream(data)) {
            return window.fill(data.length, in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] data(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + (i >> 11));
        }
        return b;
    }
}

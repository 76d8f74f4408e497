package org.lemongate.mapping;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A registration for {@link ChangeSignal}s from {@link MailGateway#watch}. Closing it stops the signals; the last
 * subscription of a user closes that user's watcher. Closing twice does nothing.
 *
 * <p>Its questions are answered on the user's watcher connection between IDLE rounds, not on a pooled connection,
 * and equal questions asked at once share one IMAP query: however many subscribers a user has, their push costs one
 * IMAP connection. Answers complete on the watcher's thread: continue elsewhere ({@code ...Async(executor)}) before
 * doing anything slow. Failures are {@link MailException}s; {@link MailException.BackendUnavailable} while the
 * watcher reconnects, after which a {@link ChangeSignal.Kind#RECONNECTED} signal says to ask again.
 */
public interface Subscription extends AutoCloseable {

    /** The watched mailbox's current sync token, the starting point for {@link #changesSince}. */
    CompletableFuture<SyncToken> syncToken();

    /**
     * The changes of the watched mailbox since {@code token}, one page, as {@link MailAccount#changesSince}
     * answers them.
     */
    CompletableFuture<Changes> changesSince(SyncToken token, int maxChanges);

    @Override
    void close();

    /**
     * Waits for an answer of a subscription: its value, or the {@link MailException} it failed with. (Every answer
     * is bounded in time by the gateway.)
     */
    static <T> T await(CompletableFuture<T> answer) {
        try {
            return answer.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof MailException m) {
                throw m;
            }
            throw new MailException.BackendError("watching failed unexpectedly", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailException.BackendUnavailable("interrupted while waiting for the IMAP server",
                    Duration.ofSeconds(1), false, e);
        }
    }
}

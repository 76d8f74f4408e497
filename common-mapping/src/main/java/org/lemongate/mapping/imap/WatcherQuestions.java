package org.lemongate.mapping.imap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.eclipse.angus.mail.iap.CommandFailedException;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.lemongate.mapping.Changes;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.SyncToken;

/**
 * What a user's subscribers ask of the user's watcher connection: answered in order between IDLE rounds, so that
 * push for one user costs one IMAP connection (ADR 0068). Equal questions queued at once share one answer: ten
 * streams of one user holding the same token cost one query per change, not ten.
 */
final class WatcherQuestions {

    /** A question for the watcher's connection; a record, so that equal questions are recognised as one. */
    sealed interface Question<T> permits TokenOf, ChangesSince, MailboxExists {

        T answer(ImapConnection c) throws ProtocolException;

        /** What was being done, for error messages. */
        String what();
    }

    /** The mailbox's current sync token. */
    record TokenOf(MailboxName mailbox) implements Question<SyncToken> {
        @Override
        public SyncToken answer(ImapConnection c) throws ProtocolException {
            return ChangeFeed.tokenOn(c, mailbox);
        }

        @Override
        public String what() {
            return "read the sync state of mailbox '" + mailbox + "'";
        }
    }

    /** The changes since a token, one page. */
    record ChangesSince(MailboxName mailbox, SyncToken token, int maxChanges) implements Question<Changes> {
        ChangesSince {
            token.requireMailbox(mailbox);
            Changes.requirePageSize(maxChanges);
        }

        @Override
        public Changes answer(ImapConnection c) throws ProtocolException {
            return ChangeFeed.sinceOn(c, mailbox, token, maxChanges);
        }

        @Override
        public String what() {
            return "read the changes of mailbox '" + mailbox + "'";
        }
    }

    /**
     * Whether the mailbox exists, by STATUS: unlike SELECT it leaves the selected mailbox alone, and unlike LIST it
     * also refuses mailboxes that cannot be opened.
     */
    record MailboxExists(MailboxName mailbox) implements Question<Boolean> {
        @Override
        public Boolean answer(ImapConnection c) throws ProtocolException {
            try {
                c.protocol().status(c.serverName(mailbox), new String[] {"UIDVALIDITY"});
                return true;
            } catch (CommandFailedException e) {
                throw new MailException.NotFound("mailbox '" + mailbox + "' does not exist");
            }
        }

        @Override
        public String what() {
            return "open mailbox '" + mailbox + "'";
        }
    }

    private final Map<Question<?>, CompletableFuture<Object>> queued = new LinkedHashMap<>();

    /** Queues a question, or joins an equal one already queued. */
    @SuppressWarnings("unchecked")
    synchronized <T> CompletableFuture<T> ask(Question<T> question) {
        return (CompletableFuture<T>) queued.computeIfAbsent(question, q -> new CompletableFuture<>());
    }

    synchronized boolean isEmpty() {
        return queued.isEmpty();
    }

    /** Fails every queued question, e.g. while the watcher has lost the server. */
    void failAll(MailException e) {
        take().forEach(entry -> entry.getValue().completeExceptionally(e));
    }

    private synchronized List<Map.Entry<Question<?>, CompletableFuture<Object>>> take() {
        List<Map.Entry<Question<?>, CompletableFuture<Object>>> batch = new ArrayList<>(queued.entrySet());
        queued.clear();
        return batch;
    }

    /**
     * Answers every question queued now, in order; returns whether there was any. A failure that breaks the
     * connection fails the rest of the batch too and is rethrown, so that the watcher reconnects.
     */
    boolean answerAll(ImapConnection c) throws ProtocolException {
        List<Map.Entry<Question<?>, CompletableFuture<Object>>> batch = take();
        for (int i = 0; i < batch.size(); i++) {
            Question<?> question = batch.get(i).getKey();
            CompletableFuture<Object> answer = batch.get(i).getValue();
            try {
                answer.complete(question.answer(c));
            } catch (MailException e) {
                answer.completeExceptionally(e);
            } catch (ProtocolException e) {
                MailException m = Failures.translate(e, question.what());
                answer.completeExceptionally(m);
                if (Failures.breaksConnection(e)) {
                    c.markBroken();
                    batch.subList(i + 1, batch.size()).forEach(rest -> rest.getValue().completeExceptionally(m));
                    throw e;
                }
            } catch (RuntimeException e) {
                MailException m = new MailException.BackendError(question.what() + " failed unexpectedly", e);
                batch.subList(i, batch.size()).forEach(rest -> rest.getValue().completeExceptionally(m));
                throw e;
            }
        }
        return !batch.isEmpty();
    }
}

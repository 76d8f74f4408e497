package org.lemongate.mapping.imap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.Status;
import org.lemongate.mapping.ChangeSignal;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.SyncToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One user's watcher: one IMAP connection, outside the request pool, on one thread of its own. It SELECTs the mailbox
 * watched first and waits in IDLE, which reports other sessions' changes within milliseconds (or, in poll mode, sends
 * NOOP at an interval, ADR 0069); the user's other watched mailboxes are compared by STATUS between rounds (ADR 0062).
 * Between rounds it also answers its subscribers' questions (tokens, changes since a token) on the same connection,
 * so that push for one user costs one IMAP connection (ADR 0068). IDLE is renewed before the read timeout, which also
 * proves the server alive; on any failure the watcher reconnects with exponential backoff and tells every subscriber,
 * who then catch up from their sync tokens.
 */
final class UserWatcher implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(UserWatcher.class);
    /** How often mailboxes other than the IDLE one are compared by STATUS. */
    static final Duration POLL_INTERVAL = Duration.ofSeconds(5);
    private static final Duration MIN_BACKOFF = Duration.ofMillis(250);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final BackendSettings settings;
    private final Properties props;
    private final ScheduledExecutorService timer;
    private final Credentials credentials;
    private final WatchMode mode;
    private final WatcherQuestions questions = new WatcherQuestions();
    /** Listeners by mailbox, in the order the mailboxes were first watched. Guarded by {@code this}. */
    private final Map<MailboxName, List<Consumer<ChangeSignal>>> listeners = new LinkedHashMap<>();
    private final Object idleGuard = new Object();
    private CompletableFuture<Void> cycle = new CompletableFuture<>();
    private volatile boolean closed;
    /** Set while the server is lost: questions then fail at once instead of waiting for the reconnect. */
    private volatile boolean lost;
    private volatile Thread thread;
    /** The connection to start with: one the request pool held for these credentials, or null. */
    private ImapConnection adopted;
    /** The connection while it is in IDLE and no DONE was sent yet. Guarded by {@link #idleGuard}. */
    private IMAPProtocol idling;
    /** Whether a poll round is running. Guarded by {@link #idleGuard}. */
    private boolean polling;
    /** Whether {@link #wake} was called since the current round began. Guarded by {@link #idleGuard}. */
    private boolean woken;
    /** The mailboxes the current round covers, empty between rounds. Guarded by {@link #idleGuard}. */
    private Set<MailboxName> covered = Set.of();
    /** The mailbox this connection follows, and its state when the watcher last selected it; null when none. */
    private MailboxName followed;
    private SyncToken known;

    UserWatcher(BackendSettings settings, Properties props, ScheduledExecutorService timer, Credentials credentials,
                WatchMode mode, ImapConnection adopted) {
        this.settings = settings;
        this.props = props;
        this.timer = timer;
        this.credentials = credentials;
        this.mode = mode;
        this.adopted = adopted;
    }

    /** Whether this watcher logs in with exactly these credentials. */
    boolean uses(Credentials other) {
        return credentials.poolKey().equals(other.poolKey());
    }

    void start(Thread t) {
        thread = t;
        t.start();
    }

    /** Adds a listener; returns a future completed once the watcher covers its mailbox. */
    synchronized CompletableFuture<Void> add(MailboxName mailbox, Consumer<ChangeSignal> listener) {
        listeners.computeIfAbsent(mailbox, m -> new ArrayList<>()).add(listener);
        synchronized (idleGuard) {
            if ((idling != null || polling) && covered.contains(mailbox)) {
                // The running round already reports this mailbox to every listener registered by now; restarting
                // it for each long poll would only widen the gaps between rounds.
                return CompletableFuture.completedFuture(null);
            }
        }
        CompletableFuture<Void> ready = cycle;
        wake();
        return ready;
    }

    /** Removes a listener; returns whether none is left. */
    synchronized boolean remove(MailboxName mailbox, Consumer<ChangeSignal> listener) {
        List<Consumer<ChangeSignal>> list = listeners.get(mailbox);
        if (list != null && list.remove(listener) && list.isEmpty()) {
            listeners.remove(mailbox);
            wake();
        }
        return listeners.isEmpty();
    }

    /**
     * Queues a question for the watcher's connection, answered between rounds. Fails at once with
     * {@link MailException.BackendUnavailable} while the server is lost (a RECONNECTED signal follows).
     */
    <T> CompletableFuture<T> ask(WatcherQuestions.Question<T> question) {
        if (closed || lost) {
            return CompletableFuture.failedFuture(unavailable());
        }
        CompletableFuture<T> answer = questions.ask(question);
        wake();
        if (closed || lost) {
            questions.failAll(unavailable()); // lost the race with a failure: nobody would answer
        }
        return answer;
    }

    private static MailException unavailable() {
        return new MailException.BackendUnavailable("the IMAP server cannot be reached right now; changes are "
                + "reported once the connection is back", Failures.RETRY_AFTER, false, null);
    }

    void close() {
        closed = true;
        questions.failAll(unavailable());
        wake();
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    /** Ends the current round so that the loop takes up the changed set of mailboxes and the queued questions. */
    private void wake() {
        synchronized (idleGuard) {
            if (idling != null) {
                idling.idleAbort();
                idling = null;
            }
            polling = false;
            covered = Set.of();
            woken = true;
            idleGuard.notifyAll();
        }
    }

    /** Waits up to {@code d} or until {@link #wake}; returns whether woken. */
    private boolean pause(Duration d) {
        long deadline = System.nanoTime() + d.toNanos();
        synchronized (idleGuard) {
            try {
                while (!woken && !closed) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(idleGuard, left);
                }
            } catch (InterruptedException e) {
                // close() interrupts: the loop checks closed next
            }
            return true;
        }
    }

    @Override
    public void run() {
        Duration backoff = MIN_BACKOFF;
        ImapConnection c = adopted;
        adopted = null;
        if (c != null && !alive(c)) {
            c = null; // the pooled connection died while idle (server timeout or restart): open a new one
        }
        while (!closed) {
            try {
                if (c == null) {
                    c = ImapConnection.open(settings, props, credentials);
                    followed = null;
                    known = null;
                    if (lost) {
                        lost = false;
                        LOG.info("watcher for user {} reconnected to the IMAP server", credentials.user());
                        signalAll(ChangeSignal.Kind.RECONNECTED);
                    }
                    backoff = MIN_BACKOFF;
                }
                watchOnce(c);
            } catch (ProtocolException | MailException | IllegalStateException e) {
                if (closed) {
                    break;
                }
                if (c != null) {
                    c.disconnect();
                    c = null;
                }
                if (!lost) {
                    lost = true;
                    questions.failAll(e instanceof MailException m ? m : unavailable());
                    LOG.warn("watcher for user {} lost the IMAP server ({}); reconnecting", credentials.user(),
                            e.getClass().getSimpleName());
                    signalAll(ChangeSignal.Kind.INTERRUPTED);
                }
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
        questions.failAll(unavailable());
        if (c != null) {
            c.logout();
        }
    }

    private static boolean alive(ImapConnection c) {
        try {
            c.protocol().noop();
            return true;
        } catch (ProtocolException e) {
            c.disconnect();
            return false;
        }
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            // close() interrupts: the loop checks closed next
        }
    }

    private final Map<MailboxName, String> statuses = new HashMap<>();

    /**
     * One round: answer the queued questions, select the first mailbox (or catch up on it), compare the others, then
     * IDLE (or poll) until woken or due to renew.
     */
    private void watchOnce(ImapConnection c) throws ProtocolException {
        synchronized (idleGuard) {
            woken = false;
        }
        CompletableFuture<Void> done;
        List<MailboxName> boxes;
        synchronized (this) {
            done = cycle;
            cycle = new CompletableFuture<>();
            boxes = List.copyOf(listeners.keySet());
        }
        boolean lent = questions.answerAll(c);
        Duration round = settings.readTimeout().dividedBy(2);
        if (boxes.isEmpty()) {
            done.complete(null);
            pause(round);
            return;
        }
        MailboxName primary = boxes.get(0);
        boolean selected = follow(c, primary, lent);
        statuses.keySet().retainAll(boxes);
        for (MailboxName box : boxes.subList(1, boxes.size())) {
            String now = status(c, box);
            String before = statuses.put(box, now);
            if (before != null && !before.equals(now)) {
                signal(box, ChangeSignal.Kind.CHANGED);
            }
        }
        if (boxes.size() > 1 && POLL_INTERVAL.compareTo(round) < 0) {
            round = POLL_INTERVAL;
        }
        if (!selected) {
            done.complete(null);
            pause(round);
            return;
        }
        if (mode.pollInterval().isPresent()) {
            poll(c, primary, boxes, round, mode.pollInterval().get(), done);
        } else {
            idle(c, primary, boxes, round, done);
        }
    }

    /**
     * Makes the connection follow the primary mailbox; returns false when it cannot be selected. When the
     * connection still has it selected since the watcher's last look, a NOOP reports what changed meanwhile.
     * Otherwise, and always after answering questions (whose SELECTs took in changes without reporting them), a
     * fresh SELECT reads its state, and a state that moved since the watcher last looked is signalled: a subscriber
     * that did not ask in between would not learn of it otherwise.
     */
    private boolean follow(ImapConnection c, MailboxName primary, boolean lent) throws ProtocolException {
        if (!lent && primary.equals(followed) && c.hasSelected(primary)) {
            catchUp(c, primary);
            return true;
        }
        try {
            AtomicBoolean news = new AtomicBoolean();
            SyncToken now = ChangeFeed.tokenOn(c, primary, () -> news.set(true));
            // With no earlier look to compare with, a round that answered questions signals anyway: a change made
            // between an answer (a subscriber's starting token) and this SELECT is counted in here and would
            // otherwise reach nobody. At worst that costs each subscriber one empty query.
            boolean moved = known == null ? lent : !now.equals(known);
            followed = primary;
            known = now;
            if (moved || news.get()) {
                signal(primary, ChangeSignal.Kind.CHANGED);
            }
            return true;
        } catch (MailException.NotFound e) {
            followed = null;
            known = null;
            signal(primary, ChangeSignal.Kind.CHANGED); // its subscribers will learn why from their next query
            return false;
        }
    }

    /**
     * Between two IDLE rounds on the same selected mailbox a NOOP, not a new SELECT: a change that landed in the gap is
     * then reported as EXISTS, EXPUNGE or FETCH, where a new SELECT would silently count it in.
     */
    private void catchUp(ImapConnection c, MailboxName primary) throws ProtocolException {
        IMAPProtocol p = c.protocol();
        Response[] responses = p.command("NOOP", null);
        boolean changed = false;
        for (int i = 0; i < responses.length - 1; i++) {
            changed |= isChange(responses[i]);
        }
        p.handleResult(responses[responses.length - 1]);
        if (changed) {
            signal(primary, ChangeSignal.Kind.CHANGED);
        }
    }

    private static boolean isChange(Response r) {
        return r instanceof IMAPResponse ir && ir.isUnTagged() && (ir.keyEquals("EXISTS")
                || ir.keyEquals("EXPUNGE") || ir.keyEquals("FETCH") || ir.keyEquals("VANISHED"));
    }

    private String status(ImapConnection c, MailboxName box) throws ProtocolException {
        String[] items = c.has("CONDSTORE") ? new String[] {"MESSAGES", "UIDNEXT", "UIDVALIDITY", "UNSEEN",
                "HIGHESTMODSEQ"} : new String[] {"MESSAGES", "UIDNEXT", "UIDVALIDITY", "UNSEEN"};
        try {
            Status s = c.protocol().status(c.serverName(box), items);
            return s.total + " " + s.uidnext + " " + s.uidvalidity + " " + s.unseen + " " + s.highestmodseq;
        } catch (org.eclipse.angus.mail.iap.CommandFailedException e) {
            return "gone";
        }
    }

    private void idle(ImapConnection c, MailboxName primary, List<MailboxName> boxes, Duration round,
                      CompletableFuture<Void> ready) throws ProtocolException {
        IMAPProtocol p = c.protocol();
        p.idleStart();
        Set<MailboxName> roundBoxes = Set.copyOf(boxes);
        synchronized (idleGuard) {
            idling = p;
            covered = roundBoxes;
        }
        cover(roundBoxes, ready);
        ScheduledFuture<?> renew = timer.schedule(this::wake, round.toMillis(), TimeUnit.MILLISECONDS);
        try {
            while (true) {
                Response r = p.readIdleResponse();
                if (r == null) {
                    throw new ProtocolException("IDLE ended unexpectedly");
                }
                if (!p.processIdleResponse(r)) {
                    return;
                }
                if (isChange(r)) {
                    signal(primary, ChangeSignal.Kind.CHANGED);
                }
            }
        } finally {
            renew.cancel(false);
            synchronized (idleGuard) {
                idling = null;
                covered = Set.of();
            }
        }
    }

    /**
     * Tells the subscribers the round covers that they are watched; sets up again at once when the set of mailboxes
     * changed or questions came while the round was set up.
     */
    private void cover(Set<MailboxName> roundBoxes, CompletableFuture<Void> ready) {
        ready.complete(null);
        boolean stale;
        synchronized (this) {
            stale = !listeners.keySet().equals(roundBoxes);
            if (roundBoxes.containsAll(listeners.keySet())) {
                // Listeners added while this round was set up are covered by it too: they need not wait for the next.
                cycle.complete(null);
                cycle = new CompletableFuture<>();
            }
        }
        boolean wokenMeanwhile;
        synchronized (idleGuard) {
            wokenMeanwhile = woken;
        }
        if (closed || stale || wokenMeanwhile || !questions.isEmpty()) {
            wake();
        }
    }

    /**
     * Poll mode (ADR 0069): a NOOP every {@code interval}, each reporting the changes since the last, until woken or
     * due to renew. Dovecot answers a NOOP with changes at once, where it holds IDLE notifications back 500 ms.
     */
    private void poll(ImapConnection c, MailboxName primary, List<MailboxName> boxes, Duration round,
                      Duration interval, CompletableFuture<Void> ready) throws ProtocolException {
        Set<MailboxName> roundBoxes = Set.copyOf(boxes);
        synchronized (idleGuard) {
            polling = true;
            covered = roundBoxes;
        }
        cover(roundBoxes, ready);
        long end = System.nanoTime() + round.toNanos();
        try {
            while (!closed) {
                long left = end - System.nanoTime();
                if (left <= 0 || pause(Duration.ofNanos(Math.min(left, interval.toNanos())))) {
                    return;
                }
                catchUp(c, primary);
            }
        } finally {
            synchronized (idleGuard) {
                polling = false;
                covered = Set.of();
            }
        }
    }

    private void signal(MailboxName box, ChangeSignal.Kind kind) {
        List<Consumer<ChangeSignal>> targets;
        synchronized (this) {
            targets = List.copyOf(listeners.getOrDefault(box, List.of()));
        }
        ChangeSignal s = new ChangeSignal(box, kind);
        for (Consumer<ChangeSignal> l : targets) {
            try {
                l.accept(s);
            } catch (RuntimeException e) {
                LOG.warn("a change listener failed: {}", e.toString());
            }
        }
    }

    private void signalAll(ChangeSignal.Kind kind) {
        List<MailboxName> boxes;
        synchronized (this) {
            boxes = List.copyOf(listeners.keySet());
        }
        boxes.forEach(b -> signal(b, kind));
    }
}

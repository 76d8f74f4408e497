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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One user's watcher: one IMAP connection, outside the request pool, on one thread of its own. It SELECTs the mailbox
 * watched first and waits in IDLE, which reports other sessions' changes within milliseconds; the user's other watched
 * mailboxes are compared by STATUS between IDLE rounds (ADR 0062). IDLE is renewed before the read timeout, which
 * also proves the server alive; on any failure the watcher reconnects with exponential backoff and tells every
 * subscriber, who then catch up from their sync tokens.
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
    /** Listeners by mailbox, in the order the mailboxes were first watched. Guarded by {@code this}. */
    private final Map<MailboxName, List<Consumer<ChangeSignal>>> listeners = new LinkedHashMap<>();
    private final Object idleGuard = new Object();
    private CompletableFuture<Void> cycle = new CompletableFuture<>();
    private volatile boolean closed;
    private volatile Thread thread;
    /** The connection while it is in IDLE and no DONE was sent yet. Guarded by {@link #idleGuard}. */
    private IMAPProtocol idling;
    /** The mailboxes the current IDLE round covers, empty between rounds. Guarded by {@link #idleGuard}. */
    private Set<MailboxName> covered = Set.of();
    /** The connection and mailbox of the last SELECT, so that a new round on them catches up by NOOP. */
    private ImapConnection selectedOn;
    private MailboxName selectedBox;

    UserWatcher(BackendSettings settings, Properties props, ScheduledExecutorService timer, Credentials credentials) {
        this.settings = settings;
        this.props = props;
        this.timer = timer;
        this.credentials = credentials;
    }

    void start(Thread t) {
        thread = t;
        t.start();
    }

    /** Adds a listener; returns a future completed once the watcher covers its mailbox. */
    synchronized CompletableFuture<Void> add(MailboxName mailbox, Consumer<ChangeSignal> listener) {
        listeners.computeIfAbsent(mailbox, m -> new ArrayList<>()).add(listener);
        synchronized (idleGuard) {
            if (idling != null && covered.contains(mailbox)) {
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

    void close() {
        closed = true;
        wake();
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    /** Ends the current IDLE round so that the loop takes up the changed set of mailboxes. */
    private void wake() {
        synchronized (idleGuard) {
            if (idling != null) {
                idling.idleAbort();
                idling = null;
                covered = Set.of();
            }
        }
    }

    @Override
    public void run() {
        boolean lost = false;
        Duration backoff = MIN_BACKOFF;
        ImapConnection c = null;
        while (!closed) {
            try {
                if (c == null) {
                    c = ImapConnection.open(settings, props, credentials);
                    if (lost) {
                        LOG.info("watcher for user {} reconnected to the IMAP server", credentials.user());
                        signalAll(ChangeSignal.Kind.RECONNECTED);
                        lost = false;
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
                    LOG.warn("watcher for user {} lost the IMAP server ({}); reconnecting", credentials.user(),
                            e.getClass().getSimpleName());
                    signalAll(ChangeSignal.Kind.INTERRUPTED);
                    lost = true;
                }
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
        if (c != null) {
            c.logout();
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

    /** One round: select the first mailbox, compare the others, then IDLE until woken or due to renew. */
    private void watchOnce(ImapConnection c) throws ProtocolException {
        CompletableFuture<Void> done;
        List<MailboxName> boxes;
        synchronized (this) {
            done = cycle;
            cycle = new CompletableFuture<>();
            boxes = List.copyOf(listeners.keySet());
        }
        if (boxes.isEmpty()) {
            done.complete(null);
            return;
        }
        MailboxName primary = boxes.get(0);
        boolean selected;
        if (c == selectedOn && primary.equals(selectedBox)) {
            catchUp(c, primary);
            selected = true;
        } else {
            try {
                boolean switched = selectedBox != null && c == selectedOn;
                c.selectFresh(primary);
                selectedOn = c;
                selectedBox = primary;
                selected = true;
                if (switched) {
                    // Changes made while another mailbox was IDLE's are in this SELECT's numbers only; whether they
                    // were told by STATUS polling is unknown, so the subscribers look for themselves.
                    signal(primary, ChangeSignal.Kind.CHANGED);
                }
            } catch (MailException.NotFound e) {
                selectedBox = null;
                signal(primary, ChangeSignal.Kind.CHANGED); // its subscribers will learn why from their next query
                selected = false;
            }
        }
        statuses.keySet().retainAll(boxes);
        for (MailboxName box : boxes.subList(1, boxes.size())) {
            String now = status(c, box);
            String before = statuses.put(box, now);
            if (before != null && !before.equals(now)) {
                signal(box, ChangeSignal.Kind.CHANGED);
            }
        }
        Duration round = settings.readTimeout().dividedBy(2);
        if (boxes.size() > 1 && POLL_INTERVAL.compareTo(round) < 0) {
            round = POLL_INTERVAL;
        }
        if (!selected) {
            done.complete(null);
            sleep(round);
            return;
        }
        idle(c, primary, boxes, round, done);
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
        if (closed || stale) {
            wake(); // the set changed while this round was set up: set up again at once
        }
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

package org.lemongate.compare;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * A mobile client's day, run through one {@link MailClient} on its own copy of the mailbox: each step measured
 * (traffic at the socket, each request's latency, the whole step's time) and checked (the listing has every message,
 * the resumed attachment matches byte for byte, the incremental sync sees the changes).
 */
final class Workload {

    static final int OPEN = 20;
    static final int FLAG = 20;
    static final int MOVE = 5;
    static final int DELETE = 5;
    static final int SEND = 2;
    static final int PUSH = 10;
    /**
     * How long a notification may take before the step fails: beyond the 15 s after which a gateway watcher's IDLE
     * renewal still delivers a missed change (docs/benchmarks.md) and Dovecot's 30 s fallback check, so that a late
     * notification is measured as a latency rather than reported as lost.
     */
    private static final Duration PUSH_WAIT = Duration.ofSeconds(35);

    private final RunMailbox mailbox;
    private final SampleMessages samples;
    private final WorkloadSize size;
    private final SampleMessages.Large large;
    private final boolean smtpGiven;
    private final StepListener listener;

    Workload(RunMailbox mailbox, SampleMessages samples, WorkloadSize size, SampleMessages.Large large,
             boolean smtpGiven, StepListener listener) {
        this.smtpGiven = smtpGiven;
        this.listener = listener;
        this.mailbox = mailbox;
        this.samples = samples;
        this.size = size;
        this.large = large;
    }

    /** Runs every step on {@code folder}; moves go to {@code moveTarget}. */
    ClientResult run(MailClient client, String folder, String moveTarget) {
        List<StepResult> steps = new ArrayList<>();
        List<Picks> picked = new ArrayList<>();
        steps.add(measure(client, Step.INITIAL_SYNC, latencies -> {
            List<MessageHandle> all = client.sync(latencies, folder, true);
            require(all.size() == size.messages(), "the listing has " + all.size() + " messages, the folder "
                    + size.messages());
            picked.add(Picks.from(all));
            return Outcome.NONE;
        }));
        if (picked.isEmpty()) {
            for (Step step : Step.values()) {
                if (step != Step.INITIAL_SYNC) {
                    StepResult skipped = StepResult.skipped(step, StepResult.Status.FAILED, "needs the initial sync");
                    listener.finished(client.name(), skipped);
                    steps.add(skipped);
                }
            }
            return new ClientResult(client.name(), steps);
        }
        Picks picks = picked.get(0);
        steps.add(measure(client, Step.OPEN, latencies -> {
            for (MessageHandle m : picks.open()) {
                require(client.open(latencies, m) > 0, "message " + m.uid() + " came back empty");
            }
            return Outcome.NONE;
        }));
        steps.add(measure(client, Step.ATTACHMENT, latencies -> {
            Download d = client.download(latencies, picks.large(), large.attachmentBytes() / 2);
            if (d.wholeMessage()) {
                // The file the server announced, whole; never less than the listed size (some servers, GreenMail
                // among them, list RFC822.SIZE without the header, while the file served is the whole message).
                require(d.bytes() == d.declared() && d.bytes() >= picks.large().size(), "the resumed file has "
                        + d.bytes() + " bytes, not the " + d.declared() + " the server announced (listed size "
                        + picks.large().size() + ")");
            } else {
                require(d.bytes() == large.attachmentBytes() && d.sha256().equals(large.sha256()),
                        "the resumed attachment does not match the original (" + d.bytes() + " bytes)");
            }
            return new Outcome(List.of(), d.note());
        }));
        steps.add(measure(client, Step.FLAG, latencies -> {
            client.flag(latencies, picks.flag());
            return Outcome.NONE;
        }));
        steps.add(measure(client, Step.MOVE, latencies -> {
            client.move(latencies, picks.move(), moveTarget);
            return Outcome.NONE;
        }));
        steps.add(measure(client, Step.DELETE, latencies -> {
            client.delete(latencies, picks.delete());
            return Outcome.NONE;
        }));
        steps.add(measure(client, Step.SEND, latencies -> {
            if (!smtpGiven) {
                throw NotAvailable.inThisRun("no SMTP server given (--smtp), so nothing is sent");
            }
            for (int i = 1; i <= SEND; i++) {
                client.send(latencies, samples.outgoing(i));
            }
            return Outcome.NONE;
        }));
        steps.add(measure(client, Step.PUSH, latencies -> push(client, folder)));
        long newestBefore = picks.newestUid();
        steps.add(measure(client, Step.INCREMENTAL_SYNC, latencies -> {
            List<MessageHandle> now = client.sync(latencies, folder, false);
            long arrived = now.stream().filter(m -> m.uid() > newestBefore).count();
            int expected = size.messages() - MOVE - DELETE + PUSH;
            require(now.size() == expected && arrived == PUSH, "the listing has " + now.size() + " messages ("
                    + arrived + " new), expected " + expected + " (" + PUSH + " new)");
            return new Outcome(List.of(), client.incrementalSync());
        }));
        return new ClientResult(client.name(), steps);
    }

    /**
     * Delivers the new messages one by one and waits for each notification. Without push the messages still
     * arrive (the incremental sync must find them), and the step reports why there is no figure.
     */
    private Outcome push(MailClient client, String folder) throws Exception {
        try (RunMailbox.Delivery delivery = mailbox.delivery(folder)) {
            PushWatch watch;
            try {
                watch = client.watch(folder);
            } catch (NotAvailable e) {
                for (int i = 1; i <= PUSH; i++) {
                    delivery.deliver(samples.incoming(i));
                }
                throw e;
            }
            return awaitEach(watch, delivery);
        }
    }

    private Outcome awaitEach(PushWatch watch, RunMailbox.Delivery delivery) throws Exception {
        List<Double> delivered = new ArrayList<>();
        try (watch) {
            for (int i = 1; i <= PUSH; i++) {
                long sent = System.nanoTime();
                delivery.deliver(samples.incoming(i));
                OptionalLong at = watch.awaitNext(PUSH_WAIT);
                require(at.isPresent(), "no push for new message " + i + " within " + PUSH_WAIT.toSeconds() + " s");
                delivered.add((at.getAsLong() - sent) / 1_000_000.0);
            }
        }
        return new Outcome(delivered, watch.note());
    }

    private StepResult measure(MailClient client, Step step, StepBody body) {
        listener.starting(client.name(), step);
        Traffic before = client.traffic();
        Latencies latencies = new Latencies();
        long start = System.nanoTime();
        StepResult result;
        try {
            Outcome outcome = body.run(latencies);
            result = result(client, step, StepResult.Status.OK, outcome.note(), before, latencies, start,
                    outcome.pushMs());
        } catch (NotAvailable e) {
            result = result(client, step, e.status(), e.getMessage(), before, latencies, start, List.of());
        } catch (Exception e) {
            String why = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
                    : e.getMessage();
            result = result(client, step, StepResult.Status.FAILED, why, before, latencies, start, List.of());
        }
        listener.finished(client.name(), result);
        return result;
    }

    private static StepResult result(MailClient client, Step step, StepResult.Status status, String note,
                                     Traffic before, Latencies latencies, long start, List<Double> push) {
        double wall = (System.nanoTime() - start) / 1_000_000.0;
        boolean ran = status == StepResult.Status.OK || status == StepResult.Status.FAILED;
        return new StepResult(step, status, note, ran ? client.traffic().minus(before) : Traffic.NONE,
                latencies.values(), ran ? wall : 0, push);
    }

    private static void require(boolean condition, String otherwise) throws CheckFailed {
        if (!condition) {
            throw new CheckFailed(otherwise);
        }
    }

    /** One step's work. */
    @FunctionalInterface
    private interface StepBody {
        Outcome run(Latencies latencies) throws Exception;
    }

    /**
     * What a step that went well has to add to its figures.
     *
     * @param pushMs push delivery latencies, for the push step
     * @param note   anything a reader should know about how it went
     */
    private record Outcome(List<Double> pushMs, String note) {

        static final Outcome NONE = new Outcome(List.of(), "");
    }

    /** A step ran but its result was wrong. */
    private static final class CheckFailed extends Exception {

        private static final long serialVersionUID = 1L;

        CheckFailed(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Which messages each step works on, chosen from the initial listing by UID so that every client works on the
     * same messages: the newest are opened, the next are flagged, then moved, then deleted.
     */
    private record Picks(MessageHandle large, List<MessageHandle> open, List<MessageHandle> flag,
                         List<MessageHandle> move, List<MessageHandle> delete, long newestUid) {

        static Picks from(List<MessageHandle> listing) throws CheckFailed {
            MessageHandle large = listing.stream().filter(m -> SampleMessages.LARGE_SUBJECT.equals(m.subject()))
                    .findFirst().orElseThrow(() -> new CheckFailed("the listing lacks the large message"));
            List<MessageHandle> others = listing.stream().filter(m -> m != large)
                    .sorted(Comparator.comparingLong(MessageHandle::uid).reversed()).toList();
            long newest = listing.stream().mapToLong(MessageHandle::uid).max().orElse(0);
            int at = 0;
            return new Picks(large, others.subList(at, at += OPEN), others.subList(at, at += FLAG),
                    others.subList(at, at += MOVE), others.subList(at, at + DELETE), newest);
        }
    }
}

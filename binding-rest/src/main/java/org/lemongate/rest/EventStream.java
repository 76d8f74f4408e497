package org.lemongate.rest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.lemongate.mapping.Changes;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxName;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;

/**
 * One open event stream. Writes are non-blocking (Servlet {@link WriteListener}): events wait in a small queue while
 * the client is slow, and a client that falls more than {@link #MAX_QUEUED_BYTES} behind is disconnected (it resumes
 * from its Last-Event-ID), so no thread ever blocks on a subscriber. Every event's {@code id:} is the sync token after
 * it, which makes Last-Event-ID resume exactly.
 */
final class EventStream implements ChangeWatch.Sink, WriteListener {

    /** How far a client may fall behind before it is disconnected. */
    static final int MAX_QUEUED_BYTES = 1024 * 1024;
    private static final ObjectMapper JSON = Json.mapper();

    private final AsyncContext context;
    private final ServletOutputStream out;
    private final MailboxName mailbox;
    private final ApiLinks links;
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private int queuedBytes;
    private boolean closed;
    private ChangeWatch watch;
    private ScheduledFuture<?> heartbeat;
    private ScheduledFuture<?> end;

    EventStream(AsyncContext context, ServletOutputStream out, MailboxName mailbox, ApiLinks links) {
        this.context = context;
        this.out = out;
        this.mailbox = mailbox;
        this.links = links;
    }

    /** Starts writing: the retry advice and a first comment, then heartbeats, until {@code maxStream} is over. */
    synchronized void open(ChangeWatch changes, Push push, Duration heartbeatEvery) {
        this.watch = changes;
        out.setWriteListener(this);
        send("retry: " + push.settings().retry().toMillis() + "\n: watching " + mailbox.path().replaceAll(
                "[\\r\\n]", " ") + "\n\n");
        long every = heartbeatEvery.toMillis();
        heartbeat = push.executor().scheduleAtFixedRate(() -> send(": heartbeat\n\n"), every, every,
                TimeUnit.MILLISECONDS);
        end = push.executor().schedule(this::close, push.settings().maxStream().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean deliver(Changes changes) {
        ChangesJson page = ChangesJson.of(mailbox, changes, links);
        return send("id: " + page.next() + "\nevent: changes\ndata: " + json(page) + "\n\n");
    }

    @Override
    public void fail(MailException e) {
        String event = e instanceof MailException.StaleState ? "resync" : "error";
        send("event: " + event + "\ndata: " + json(MailProblems.problem(e)) + "\n\n");
        close();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the binding's own records always serialise", e);
        }
    }

    /** Queues text for the client; returns false once the stream is closed. */
    private synchronized boolean send(String text) {
        if (closed) {
            return false;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        queue.add(bytes);
        queuedBytes += bytes.length;
        if (queuedBytes > MAX_QUEUED_BYTES) {
            close();
            return false;
        }
        drain();
        return !closed;
    }

    @Override
    public synchronized void onWritePossible() {
        drain();
    }

    private void drain() {
        try {
            while (!closed && out.isReady()) {
                byte[] next = queue.poll();
                if (next == null) {
                    out.flush();
                    return;
                }
                queuedBytes -= next.length;
                out.write(next);
            }
        } catch (IOException | IllegalStateException e) {
            close();
        }
    }

    @Override
    public void onError(Throwable t) {
        close();
    }

    /** Ends the stream: the client reconnects after {@code retry} and resumes from its last event id. */
    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.clear();
        if (heartbeat != null) {
            heartbeat.cancel(false);
            end.cancel(false);
        }
        if (watch != null) {
            watch.close();
        }
        try {
            context.complete();
        } catch (IllegalStateException e) {
            // completed already by the container after a client disconnect
        }
    }
}

package org.lemongate.rest;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.lemongate.mapping.MailGateway;

/**
 * What the push transports share: the gateway (for its watchers), the settings, the ticket sealer, and one small pool
 * of threads that queries changes and writes events for every waiting request and stream. No thread waits per
 * subscriber: requests are suspended (Servlet async) until a watcher signal or a timer needs them.
 */
final class Push implements AutoCloseable {

    private final MailGateway gateway;
    private final PushSettings settings;
    private final EventTickets tickets;
    private final ScheduledExecutorService executor;

    Push(MailGateway gateway, PushSettings settings) {
        this.gateway = gateway;
        this.settings = settings;
        this.tickets = new EventTickets(settings.ticketKey(), settings.ticketLifetime());
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "lemongate-push-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = Executors.newScheduledThreadPool(settings.pushThreads(), threads);
    }

    MailGateway gateway() {
        return gateway;
    }

    PushSettings settings() {
        return settings;
    }

    EventTickets tickets() {
        return tickets;
    }

    ScheduledExecutorService executor() {
        return executor;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}

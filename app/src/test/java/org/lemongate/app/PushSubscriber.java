package org.lemongate.app;

import static org.lemongate.app.TestGateway.basic;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A push client as a mobile app would write one, running on its own thread until closed: it follows INBOX from a
 * sync token, reconnects at once whenever the network cuts it, and keeps what it learned (added messages in arrival
 * order, each message's flags, vanished ids) for the test to compare with what happened on the IMAP server.
 */
abstract class PushSubscriber implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    final HttpClient http;
    final URI base;
    final String authorization;
    private final Thread thread;
    private final List<String> added = new ArrayList<>();
    private final Map<String, String> subjectById = new HashMap<>();
    private final Map<String, List<String>> flagsBySubject = new HashMap<>();
    private final Set<String> vanishedIds = new HashSet<>();
    private volatile boolean running = true;
    private int connections;
    private String lastProblem = "none";

    private PushSubscriber(HttpClient http, URI base, String user, String password) {
        this.http = http;
        this.base = base;
        this.authorization = basic(user, password);
        this.thread = new Thread(this::loop, getClass().getSimpleName() + "-" + user);
        this.thread.setDaemon(true);
    }

    /** An event-stream subscriber that resumes with Last-Event-ID. */
    static Sse sse(HttpClient http, URI base, String user, String password, String since) {
        Sse s = new Sse(http, base, user, password, since);
        s.begin();
        return s;
    }

    /** A long-poll subscriber that keeps asking with the last {@code next} token. */
    static LongPoll longPoll(HttpClient http, URI base, String user, String password, String since, int wait) {
        LongPoll p = new LongPoll(http, base, user, password, since, wait);
        p.begin();
        return p;
    }

    /** One connection: returns when it ends; throws when it could not be made or was cut. */
    abstract void connectOnce() throws IOException, InterruptedException;

    final void begin() {
        thread.start();
    }

    boolean running() {
        return running;
    }

    private void loop() {
        while (running) {
            synchronized (this) {
                connections++;
            }
            try {
                connectOnce();
            } catch (IOException e) {
                problem(e.toString());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    synchronized void problem(String what) {
        lastProblem = what;
    }

    /** Takes in one page of changes, as the JSON of a change query. */
    synchronized void apply(JsonNode page) {
        for (JsonNode m : page.get("added")) {
            String subject = m.get("subject").asText();
            added.add(subject);
            subjectById.put(m.get("id").asText(), subject);
            flagsBySubject.put(subject, names(m.get("flags")));
        }
        for (JsonNode c : page.get("changed")) {
            String subject = subjectById.get(c.get("id").asText());
            if (subject != null) {
                flagsBySubject.put(subject, names(c.get("flags")));
            }
        }
        page.get("vanished").forEach(id -> vanishedIds.add(id.asText()));
        notifyAll();
    }

    static JsonNode parse(String json) throws IOException {
        return JSON.readTree(json);
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.asText()));
        return names;
    }

    /** Waits until {@code count} messages were added. */
    boolean awaitAdded(int count, Duration timeout) throws InterruptedException {
        return awaitState(timeout, () -> added.size() >= count);
    }

    /** Waits until {@code condition} holds; it is evaluated with this subscriber's lock held. */
    synchronized boolean awaitState(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    synchronized List<String> addedSubjects() {
        return List.copyOf(added);
    }

    synchronized List<String> flagsOf(String subject) {
        return flagsBySubject.getOrDefault(subject, List.of());
    }

    synchronized boolean vanished(String subject) {
        return subjectById.entrySet().stream().anyMatch(e -> e.getValue().equals(subject)
                && vanishedIds.contains(e.getKey()));
    }

    synchronized int connections() {
        return connections;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(10_000);
    }

    @Override
    public synchronized String toString() {
        return getClass().getSimpleName() + "[added " + added.size() + ", vanished " + vanishedIds.size()
                + ", connections " + connections + ", last problem " + lastProblem + "]";
    }

    /** Follows {@code /api/v1/events}; the first connection starts from the token, later ones from Last-Event-ID. */
    static final class Sse extends PushSubscriber {
        private final String since;
        private String lastEventId;

        private Sse(HttpClient http, URI base, String user, String password, String since) {
            super(http, base, user, password);
            this.since = since;
        }

        @Override
        void connectOnce() throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("api/v1/events?mailbox=INBOX"
                    + (lastEventId == null ? "&since=" + since : ""))).header("Authorization", authorization);
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            try (SseStream stream = SseStream.open(http, request.build())) {
                if (stream.response().statusCode() != 200) {
                    problem("status " + stream.response().statusCode());
                    Thread.sleep(200);
                    return;
                }
                while (running()) {
                    SseStream.Item item = stream.next(Duration.ofMillis(500));
                    if (item instanceof SseStream.End end) {
                        problem("stream ended: " + end.why());
                        return;
                    }
                    if (item instanceof SseStream.Event e) {
                        if (!e.type().equals("changes")) {
                            problem("event " + e.type() + ": " + e.data());
                            return;
                        }
                        apply(parse(e.data()));
                        lastEventId = e.id();
                    }
                }
            }
        }
    }

    /** Asks {@code /api/v1/changes} with {@code wait}, again and again, with each answer's {@code next}. */
    static final class LongPoll extends PushSubscriber {
        private final int wait;
        private String token;

        private LongPoll(HttpClient http, URI base, String user, String password, String since, int wait) {
            super(http, base, user, password);
            this.token = since;
            this.wait = wait;
        }

        @Override
        void connectOnce() throws IOException, InterruptedException {
            while (running()) {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve(
                                "api/v1/changes?mailbox=INBOX&wait=" + wait + "&since=" + token))
                        .header("Authorization", authorization).timeout(Duration.ofSeconds(wait + 5L)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200) {
                    problem("status " + answer.statusCode() + ": " + answer.body());
                    Thread.sleep(200);
                    return;
                }
                JsonNode page = parse(answer.body());
                apply(page);
                token = page.get("next").asText();
            }
        }
    }
}

package org.lemongate.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lemongate.mapping.FlagChange;
import org.lemongate.mapping.Flags;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.SystemFlag;
import org.lemongate.testsupport.TcpProxy;

import com.fasterxml.jackson.databind.JsonNode;

/** Change queries, long polls and event streams against a running gateway (GreenMail; Dovecot in the subclass). */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ChangesApiTest extends LiveApi {

    @Test
    void aQueryWithoutTokenGivesTheCurrentTokenAndTheNextOneTheNewMail() throws Exception {
        User user = newUser();
        JsonNode start = http.json(user.request("api/v1/changes?mailbox=INBOX"), 200);
        assertEquals(0, start.get("added").size());
        user.deliver("note", 1);
        JsonNode changes = http.json(user.request("api/v1/changes?mailbox=INBOX&since=" + start.get("next").asText()),
                200);
        assertEquals(1, changes.get("added").size(), changes::toString);
        assertTrue(changes.get("added").get(0).get("subject").asText().contains("1"), changes::toString);
        JsonNode after = http.json(user.request(changes.get("links").get("next").asText()
                .substring(RestServer.CONTEXT_PATH.length() + 1)), 200);
        assertEquals(0, after.get("added").size(), "nothing twice");
    }

    @Test
    void aLongPollReturnsWithinASecondOfTheAppend() throws Exception {
        User user = newUser();
        String token = http.json(user.request("api/v1/changes?mailbox=INBOX"), 200).get("next").asText();
        CompletableFuture<HttpResponse<String>> poll = http.client().sendAsync(
                user.request("api/v1/changes?mailbox=INBOX&wait=20&since=" + token).build(),
                HttpResponse.BodyHandlers.ofString());
        Thread.sleep(1000);
        assertTrue(!poll.isDone(), "held while nothing changes");
        user.deliver("note", 7);
        long start = System.nanoTime(); // the APPEND has completed: from here the gateway must notice and answer
        HttpResponse<String> answer = poll.get(10, TimeUnit.SECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(200, answer.statusCode(), answer::body);
        assertEquals(1, Http.parse(answer.body()).get("added").size(), answer::body);
        assertTrue(millis < 1000, "answered " + millis + " ms after the append");
    }

    @Test
    void anUnansweredLongPollEndsEmptyAfterItsWait() throws Exception {
        User user = newUser();
        String token = http.json(user.request("api/v1/changes?mailbox=INBOX"), 200).get("next").asText();
        long start = System.nanoTime();
        JsonNode answer = http.json(user.request("api/v1/changes?mailbox=INBOX&wait=1&since=" + token), 200);
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(950));
        assertEquals(0, answer.get("added").size());
        assertEquals(token, answer.get("next").asText());
    }

    @Test
    void badParametersAreRefusedByName() throws Exception {
        User user = newUser();
        String token = http.json(user.request("api/v1/changes?mailbox=INBOX"), 200).get("next").asText();
        assertField(user, "api/v1/changes?mailbox=INBOX&since=" + token + "&wait=26", "wait");
        assertField(user, "api/v1/changes?mailbox=INBOX&since=" + token + "&limit=0", "limit");
        assertField(user, "api/v1/changes?mailbox=INBOX&since=" + token.substring(2), "sync_token");
        assertField(user, "api/v1/changes?since=" + token, "mailbox");
        assertField(user, "api/v1/changes?mailbox=INBOX&sinse=" + token, "sinse");
        assertField(user, "api/v1/mailbox-changes?since=" + token, "hierarchy_token");
    }

    private static void assertField(User user, String path, String field) throws Exception {
        JsonNode problem = http.json(user.request(path), 400);
        assertEquals(field, problem.get("field").asText(), problem::toString);
    }

    @Test
    void mailboxListChangesArrive() throws Exception {
        User user = newUser();
        String token = http.json(user.request("api/v1/mailbox-changes"), 200).get("next").asText();
        user.direct().createMailbox(MailboxName.of("Fresh"));
        JsonNode changes = http.json(user.request("api/v1/mailbox-changes?since=" + token), 200);
        assertEquals("Fresh", changes.get("created").get(0).get("name").asText(), changes::toString);
        assertEquals(0, changes.get("deleted").size());
    }

    @Test
    void theStreamIsUncompressedUncachedAndAdvisesRetry() throws Exception {
        User user = newUser();
        try (SseClient sse = stream(server.uri("").getPort(), "mailbox=INBOX&heartbeat=5", "HTTP/1.1",
                Map.of("Authorization", Http.basic(user.name(), PASSWORD), "Accept-Encoding", "gzip"))) {
            assertEquals(200, sse.status());
            assertTrue(sse.header("content-type").startsWith("text/event-stream"), sse.header("content-type"));
            assertEquals("no-cache, no-transform", sse.header("cache-control"));
            assertEquals("no", sse.header("x-accel-buffering"));
            assertNull(sse.header("content-encoding"));
            assertNull(sse.next(Duration.ofMillis(5600)), "no event while nothing changes");
            assertEquals("3000", sse.retry());
            assertTrue(sse.comments().contains("heartbeat"), sse.comments().toString());
        }
    }

    @Test
    void everyMessageArrivesOnceInOrderAcrossCutConnections() throws Exception {
        User user = newUser();
        int count = 30;
        String start = http.json(user.request("api/v1/changes?mailbox=INBOX"), 200).get("next").asText();
        try (TcpProxy proxy = TcpProxy.start("127.0.0.1", server.uri("").getPort())) {
            CompletableFuture<Void> appends = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < count; i++) {
                        Thread.sleep(ThreadLocalRandom.current().nextInt(20, 120));
                        user.deliver("note", i);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            List<String> subjects = new ArrayList<>();
            String lastId = start;
            int connections = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (subjects.size() < count && System.nanoTime() < deadline) {
                Map<String, String> headers = Map.of("Authorization", basicOf(user), "Last-Event-ID", lastId);
                connections++;
                try (SseClient sse = stream(proxy.port(), "mailbox=INBOX", "HTTP/1.1", headers)) {
                    assertEquals(200, sse.status());
                    int cutAfter = ThreadLocalRandom.current().nextInt(1, 3);
                    for (int n = 0; n < cutAfter && subjects.size() < count && System.nanoTime() < deadline; ) {
                        SseClient.Event e = sse.next(Duration.ofSeconds(5));
                        if (e == null) {
                            continue;
                        }
                        for (JsonNode added : Http.parse(e.data()).get("added")) {
                            subjects.add(added.get("subject").asText());
                        }
                        lastId = e.id();
                        n++;
                    }
                    proxy.cutAll();
                } catch (EOFException | java.net.SocketException cut) {
                    // the proxy cut the connection: reconnect from the last id
                }
            }
            appends.get(30, TimeUnit.SECONDS);
            List<String> expected = new ArrayList<>();
            for (MessageRefSubject m : subjectsInInbox(user)) {
                expected.add(m.subject());
            }
            assertEquals(expected, subjects, "each message once, in order, over " + connections + " connections");
            assertTrue(connections > 1, "the stream was cut and resumed");
        }
    }

    @Test
    void flagChangesAndExpungesArriveOnTheStream() throws Exception {
        User user = newUser();
        user.deliver("note", 1);
        user.deliver("note", 2);
        List<MessageRefSubject> inbox = subjectsInInbox(user);
        try (SseClient sse = stream(server.uri("").getPort(), "mailbox=INBOX", "HTTP/1.1",
                Map.of("Authorization", basicOf(user)))) {
            user.direct().changeFlags(List.of(inbox.get(0).ref()), new FlagChange(Flags.of(SystemFlag.FLAGGED),
                    Flags.NONE));
            user.direct().delete(List.of(inbox.get(1).ref()), org.lemongate.mapping.DeleteMode.PERMANENT);
            List<String> changed = new ArrayList<>();
            List<String> vanished = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((changed.isEmpty() || vanished.isEmpty()) && System.nanoTime() < deadline) {
                SseClient.Event e = sse.next(Duration.ofSeconds(5));
                if (e != null) {
                    JsonNode page = Http.parse(e.data());
                    page.get("changed").forEach(c -> changed.add(c.get("id").asText() + " " + c.get("flags")));
                    page.get("vanished").forEach(v -> vanished.add(v.asText()));
                }
            }
            // A permanent delete is STORE \Deleted then EXPUNGE: a question answered between the two sees the second
            // message changed to "deleted" before it vanishes, which is what the server held at that moment.
            String flagged = MessageIds.format(inbox.get(0).ref()) + " [\"flagged\"]";
            String markedDeleted = MessageIds.format(inbox.get(1).ref()) + " [\"deleted\"]";
            assertTrue(changed.contains(flagged), changed::toString);
            assertTrue(changed.stream().allMatch(c -> c.equals(flagged) || c.equals(markedDeleted)),
                    changed::toString);
            assertEquals(List.of(MessageIds.format(inbox.get(1).ref())), vanished);
        }
    }

    @Test
    void anHttp10SubscriberGetsACloseDelimitedStream() throws Exception {
        User user = newUser();
        try (SseClient sse = stream(server.uri("").getPort(), "mailbox=INBOX", "HTTP/1.0",
                Map.of("Authorization", basicOf(user)))) {
            assertEquals(200, sse.status());
            assertNull(sse.header("transfer-encoding"), "HTTP/1.0 knows no chunks");
            assertNull(sse.header("content-length"));
            user.deliver("note", 3);
            SseClient.Event e = sse.next(Duration.ofSeconds(5));
            assertNotNull(e, "the event arrives on an HTTP/1.0 connection");
            assertEquals("changes", e.type());
            assertEquals(1, Http.parse(e.data()).get("added").size());
        }
    }

    @Test
    void aBrowserOpensTheStreamWithATicketInsteadOfAHeader() throws Exception {
        User user = newUser();
        JsonNode ticket = http.json(user.request("api/v1/events/tickets")
                .POST(HttpRequest.BodyPublishers.noBody()), 200);
        assertEquals(60, ticket.get("expiresInSeconds").asInt());
        String t = ticket.get("ticket").asText();
        try (SseClient sse = stream(server.uri("").getPort(), "mailbox=INBOX&access_token=" + t, "HTTP/1.1",
                Map.of())) {
            assertEquals(200, sse.status());
            user.deliver("note", 4);
            assertNotNull(sse.next(Duration.ofSeconds(5)));
        }
        String forged = t.substring(0, t.length() - 3) + (t.endsWith("AAA") ? "BBB" : "AAA");
        try (SseClient sse = stream(server.uri("").getPort(), "mailbox=INBOX&access_token=" + forged, "HTTP/1.1",
                Map.of())) {
            assertEquals(401, sse.status());
            assertEquals("urn:lemongate:problem:auth-failed", Http.parse(sse.rest()).get("type").asText());
        }
    }

    @Test
    void aStreamForAMissingMailboxIsRefusedBeforeItStarts() throws Exception {
        User user = newUser();
        try (SseClient sse = stream(server.uri("").getPort(), "mailbox=Nowhere", "HTTP/1.1",
                Map.of("Authorization", basicOf(user)))) {
            assertEquals(404, sse.status());
            assertEquals("application/problem+json", sse.header("content-type"));
        }
        try (SseClient sse = stream(server.uri("").getPort(), "mailbox=INBOX&heartbeat=1", "HTTP/1.1",
                Map.of("Authorization", basicOf(user)))) {
            assertEquals(400, sse.status());
            assertEquals("heartbeat", Http.parse(sse.rest()).get("field").asText());
        }
    }

    /** A message of the inbox with its subject, in UID order. */
    record MessageRefSubject(MessageRef ref, String subject) {
    }

    private static List<MessageRefSubject> subjectsInInbox(User user) {
        return user.direct().listMessages(MailboxName.INBOX, org.lemongate.mapping.SearchCriteria.ALL,
                        new org.lemongate.mapping.PageRequest(500, org.lemongate.mapping.SortOrder.OLDEST_FIRST,
                                java.util.Optional.empty()))
                .items().stream().map(s -> new MessageRefSubject(s.ref(), s.subject())).toList();
    }

    private static String basicOf(User user) {
        return Http.basic(user.name(), PASSWORD);
    }

    private static SseClient stream(int port, String query, String version, Map<String, String> headers)
            throws Exception {
        return SseClient.open("127.0.0.1", port, RestServer.CONTEXT_PATH + "/api/v1/events?" + query, version,
                headers);
    }
}

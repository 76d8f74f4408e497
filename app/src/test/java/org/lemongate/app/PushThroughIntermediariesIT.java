package org.lemongate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.lemongate.app.TestGateway.basic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lemongate.testsupport.DovecotServer;
import org.lemongate.testsupport.Interop;
import org.lemongate.testsupport.LoopbackPorts;
import org.lemongate.testsupport.NginxServer;
import org.lemongate.testsupport.TcpProxy;

/**
 * Push through hostile intermediaries (issue 6), with two instances of the real jar sharing one ticket key behind a
 * real nginx that balances round robin, gives up on an upstream silent for 10 s ({@code proxy_read_timeout 10s})
 * and gzips text and JSON, against a private Dovecot. The gateways are configured as docs/push.md recommends for
 * such a proxy: a longest hold of 8 s and a heartbeat of 5 s. Another IMAP client of the same user makes the changes,
 * so the gateways learn of them only through their watchers. Skipped without nginx, Dovecot or Chromium unless the
 * interop suite is required.
 */
class PushThroughIntermediariesIT {

    private static final Path JAR = Path.of(System.getProperty("lemongate.jar", "target/lemongate.jar"));
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration PROXY_READ_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_HOLD_SECONDS = 8;
    private static final String PASSWORD = "push-secret";
    private static final int VOLUME = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path temp;

    private static DovecotServer dovecot;
    private static NginxServer nginx;
    private static ChildGateway first;
    private static ChildGateway second;
    private static URI firstUrl;
    private static URI secondUrl;
    private static URI front;
    private static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        NginxServer.requireInstalled();
        // Two gateways each hold up to 4 pooled connections and a watcher per user, and the test its own session.
        dovecot = DovecotServer.builder().users(Map.of("idle", PASSWORD, "poll", PASSWORD, "roundrobin", PASSWORD,
                "volume", PASSWORD, "browser", PASSWORD, "legacy", PASSWORD)).maxUserIpConnections(40).start();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String ticketKey = Base64.getEncoder().encodeToString(key);
        for (int attempt = 1; first == null; attempt++) {
            int firstPort = LoopbackPorts.pickFree();
            int secondPort = LoopbackPorts.pickFree();
            nginx = NginxServer.builder().upstream(firstPort).upstream(secondPort)
                    .proxyReadTimeout(PROXY_READ_TIMEOUT).gzip(true).start();
            front = nginx.publicUrl();
            ChildGateway one = gateway(firstPort, ticketKey);
            ChildGateway two = gateway(secondPort, ticketKey);
            boolean serving;
            try {
                serving = one.awaitServingOrLostPort(START) & two.awaitServingOrLostPort(START);
            } catch (AssertionError e) {
                one.close();
                two.close();
                throw e;
            }
            if (serving) {
                first = one;
                second = two;
                firstUrl = URI.create("http://127.0.0.1:" + firstPort + "/");
                secondUrl = URI.create("http://127.0.0.1:" + secondPort + "/");
            } else {
                one.close();
                two.close();
                nginx.close();
                assertTrue(attempt < 3, "three picked ports were taken before the gateways could bind them");
            }
        }
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    private static ChildGateway gateway(int port, String ticketKey) throws IOException {
        return ChildGateway.start(JAR, Map.of(
                        "LEMONGATE_IMAP", dovecot.imapUrl(),
                        "LEMONGATE_IMAP_STARTTLS", "off",
                        "LEMONGATE_TRUSTED_PROXIES", "127.0.0.1",
                        "LEMONGATE_PUSH_TICKET_KEY", ticketKey,
                        "LEMONGATE_PUSH_MAX_HOLD", MAX_HOLD_SECONDS + "s",
                        "LEMONGATE_PUSH_HEARTBEAT", "5s"),
                "--port", Integer.toString(port));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {first, second, nginx, dovecot}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void heartbeatsKeepAnIdleStreamOpenThroughTheProxyAndEventsArriveUncompressed() throws Exception {
        try (SseStream stream = SseStream.open(http, request(front, "api/v1/events?mailbox=INBOX", "idle")
                .header("Accept-Encoding", "gzip").build())) {
            HttpResponse<?> response = stream.response();
            assertEquals(200, response.statusCode(), logs());
            assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/event-stream"));
            assertTrue(response.headers().firstValue("Content-Encoding").isEmpty(), "never compressed");
            int heartbeats = 0;
            long idleUntil = System.nanoTime() + PROXY_READ_TIMEOUT.plusSeconds(3).toNanos();
            while (System.nanoTime() < idleUntil) {
                SseStream.Item item = stream.next(Duration.ofMillis(500));
                if (item instanceof SseStream.End end) {
                    fail("the stream ended while idle: " + end.why() + logs());
                }
                if (item instanceof SseStream.Comment c && c.text().equals("heartbeat")) {
                    heartbeats++;
                }
            }
            assertTrue(heartbeats >= 2, "heartbeats every 5 s: " + heartbeats);
            try (RawImap imap = imap("idle")) {
                imap.append("after the idle time");
            }
            SseStream.Event event = stream.nextEvent(Duration.ofSeconds(5));
            assertNotNull(event, "the event after the idle time" + logs());
            assertEquals("changes", event.type());
            assertEquals("after the idle time", JSON.readTree(event.data()).at("/added/0/subject").asText());
        }
    }

    @Test
    void theAdvertisedLongestHoldFitsUnderTheProxyTimeoutAndALongerOneIsRefused() throws Exception {
        JsonNode service = json(front, "api/v1", "poll");
        assertEquals(MAX_HOLD_SECONDS, service.at("/push/maxHoldSeconds").asInt(), service::toString);
        assertEquals(5, service.at("/push/defaultHeartbeatSeconds").asInt(), service::toString);
        String token = json(front, "api/v1/changes?mailbox=INBOX", "poll").get("next").asText();

        long started = System.nanoTime();
        HttpResponse<String> held = send(request(front, "api/v1/changes?mailbox=INBOX&wait=" + MAX_HOLD_SECONDS
                + "&since=" + token, "poll").build());
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertEquals(200, held.statusCode(), held.body() + logs());
        assertEquals(0, JSON.readTree(held.body()).get("added").size());
        assertTrue(took.compareTo(Duration.ofSeconds(MAX_HOLD_SECONDS).minusMillis(100)) >= 0, "held " + took);
        assertTrue(took.compareTo(PROXY_READ_TIMEOUT) < 0, "answered before nginx gives up: " + took);

        HttpResponse<String> tooLong = send(request(front, "api/v1/changes?mailbox=INBOX&wait="
                + (MAX_HOLD_SECONDS + 1) + "&since=" + token, "poll").build());
        assertEquals(400, tooLong.statusCode(), tooLong.body());
        assertTrue(tooLong.body().contains("wait must be between 0 and " + MAX_HOLD_SECONDS), tooLong.body());

        CompletableFuture<HttpResponse<String>> poll = http.sendAsync(request(front, "api/v1/changes?mailbox=INBOX"
                + "&wait=" + MAX_HOLD_SECONDS + "&since=" + token, "poll").build(), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(1000);
        try (RawImap imap = imap("poll")) {
            imap.append("during the long poll");
        }
        HttpResponse<String> answer = poll.get(5, TimeUnit.SECONDS);
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("during the long poll", JSON.readTree(answer.body()).at("/added/0/subject").asText());
    }

    @Test
    void anHttp10SubscriberReceivesItsEventsInAPlainBodyThroughTheProxy() throws Exception {
        String token = json(front, "api/v1/changes?mailbox=INBOX", "legacy").get("next").asText();
        try (RawImap imap = imap("legacy"); Socket socket = new Socket("127.0.0.1", nginx.httpPort())) {
            imap.append("for an old client");
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /api/v1/events?mailbox=INBOX&since=" + token + " HTTP/1.0\r\n"
                    + "Host: 127.0.0.1:" + nginx.httpPort() + "\r\nAuthorization: " + basic("legacy", PASSWORD)
                    + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            for (String line = in.readLine(); line != null && !line.contains("for an old client");
                    line = in.readLine()) {
                seen.append(line).append('\n');
            }
            String head = seen.substring(0, seen.indexOf("\n\n") + 1);
            assertTrue(head.matches("(?s)HTTP/1\\.[01] 200 .*"), head);
            assertTrue(head.toLowerCase(Locale.ROOT).contains("content-type: text/event-stream"), head);
            assertFalse(head.toLowerCase(Locale.ROOT).contains("transfer-encoding"), "no chunks for HTTP/1.0: " + head);
            assertTrue(seen.toString().contains("event: changes"), seen + logs());
        }
    }

    @Test
    void tokensTicketsAndLastEventIdsFromOneInstanceWorkOnTheOther() throws Exception {
        String token = json(firstUrl, "api/v1/changes?mailbox=INBOX", "roundrobin").get("next").asText();
        try (RawImap imap = imap("roundrobin")) {
            imap.append("rr-0");
            JsonNode onSecond = json(secondUrl, "api/v1/changes?mailbox=INBOX&since=" + token, "roundrobin");
            assertEquals("rr-0", onSecond.at("/added/0/subject").asText(), onSecond::toString);

            HttpResponse<String> issued = send(request(firstUrl, "api/v1/events/tickets", "roundrobin")
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            assertEquals(200, issued.statusCode(), issued.body());
            String ticket = JSON.readTree(issued.body()).get("ticket").asText();
            String lastEventId;
            try (SseStream stream = SseStream.open(http, HttpRequest.newBuilder(secondUrl.resolve(
                    "api/v1/events?mailbox=INBOX&since=" + token + "&access_token=" + ticket)).build())) {
                assertEquals(200, stream.response().statusCode(), "the other instance opens the ticket");
                SseStream.Event event = stream.nextEvent(Duration.ofSeconds(5));
                assertNotNull(event, logs());
                assertEquals("rr-0", JSON.readTree(event.data()).at("/added/0/subject").asText());
                lastEventId = event.id();
            }
            // Reconnects through nginx alternate between the instances; each resumes exactly where the last ended.
            for (int i = 1; i <= 4; i++) {
                imap.append("rr-" + i);
                try (SseStream stream = SseStream.open(http, request(front, "api/v1/events?mailbox=INBOX", "roundrobin")
                        .header("Last-Event-ID", lastEventId).build())) {
                    assertEquals(200, stream.response().statusCode());
                    SseStream.Event event = stream.nextEvent(Duration.ofSeconds(5));
                    assertNotNull(event, "reconnect " + i + logs());
                    JsonNode added = JSON.readTree(event.data()).get("added");
                    assertEquals(1, added.size(), event::data);
                    assertEquals("rr-" + i, added.get(0).get("subject").asText());
                    lastEventId = event.id();
                }
            }
        }
    }

    @Test
    void fiveHundredMessagesReachEachSubscriberOnceInOrderAcrossRandomCuts() throws Exception {
        String start = json(front, "api/v1/changes?mailbox=INBOX", "volume").get("next").asText();
        List<String> expected = new ArrayList<>();
        try (TcpProxy cutter = TcpProxy.start("127.0.0.1", nginx.httpPort());
             PushSubscriber.Sse sse = PushSubscriber.sse(http, URI.create("http://127.0.0.1:" + cutter.port() + "/"),
                     "volume", PASSWORD, start);
             PushSubscriber.LongPoll poll = PushSubscriber.longPoll(http, URI.create("http://127.0.0.1:"
                     + cutter.port() + "/"), "volume", PASSWORD, start, MAX_HOLD_SECONDS);
             RawImap imap = imap("volume")) {
            RandomCuts cuts = RandomCuts.start(cutter, Duration.ofMillis(500), Duration.ofMillis(2500));
            List<Long> uids = new ArrayList<>();
            for (int i = 0; i < VOLUME; i++) {
                String subject = String.format("m-%03d", i);
                uids.add(imap.append(subject));
                expected.add(subject);
                Thread.sleep(ThreadLocalRandom.current().nextInt(0, 30));
            }
            for (PushSubscriber s : List.of(sse, poll)) {
                assertTrue(s.awaitAdded(VOLUME, Duration.ofSeconds(30)), s + logs());
            }
            imap.flag(uids.get(10), "\\Flagged");
            imap.flag(uids.get(250), "\\Seen");
            imap.expunge(uids.get(20));
            imap.expunge(uids.get(499));
            for (PushSubscriber s : List.of(sse, poll)) {
                assertTrue(s.awaitState(Duration.ofSeconds(15), () -> s.flagsOf("m-010").contains("flagged")
                        && s.flagsOf("m-250").contains("seen") && s.vanished("m-020") && s.vanished("m-499")),
                        s + logs());
            }
            // When delivery outran the cutter, cut on: reconnecting after the last change must repeat nothing either.
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (cuts.count() < 5 && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            Thread.sleep(500);
            cuts.close();
            for (PushSubscriber s : List.of(sse, poll)) {
                assertEquals(expected, s.addedSubjects(), s.toString());
            }
            assertTrue(cuts.count() >= 5, "connections were cut " + cuts.count() + " times");
            assertTrue(sse.connections() > cuts.count() / 2, "the stream reconnected: " + sse);
        }
    }

    @Test
    void aBrowserEventSourceWithATicketReceivesTheAppendedMessages() throws Exception {
        Path chromium = Interop.requireCommand("chromium", "chromium");
        String token = json(front, "api/v1/changes?mailbox=INBOX", "browser").get("next").asText();
        String page = Files.readString(Path.of("src/test/resources/push/event-source.html"), StandardCharsets.UTF_8)
                .replace("BASIC_CREDENTIALS", basic("browser", PASSWORD))
                .replace("SINCE_TOKEN", URLEncoder.encode(token, StandardCharsets.UTF_8));
        try (RawImap imap = imap("browser"); PageFront origin = PageFront.start(page, nginx.httpPort())) {
            imap.append("before-open");
            Process browser = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    "--user-data-dir=" + Files.createTempDirectory(temp, "chromium"), origin.url())
                    .redirectErrorStream(true).redirectOutput(temp.resolve("chromium.log").toFile()).start();
            try {
                String report = awaitReport(origin, "open", Duration.ofSeconds(30));
                assertEquals("open", report, "EventSource opened" + browserLog());
                imap.append("after-open-1");
                imap.append("after-open-2");
                String all = awaitReport(origin, "added before-open,after-open-1,after-open-2",
                        Duration.ofSeconds(15));
                assertEquals("added before-open,after-open-1,after-open-2", all, browserLog() + logs());
            } finally {
                browser.destroy();
                if (!browser.waitFor(10, TimeUnit.SECONDS)) {
                    browser.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** The first report equal to {@code wanted}, or the last one seen when time runs out. */
    private static String awaitReport(PageFront origin, String wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            String report = origin.nextReport(Duration.ofMillis(200));
            if (report != null) {
                last = report;
                if (report.equals(wanted)) {
                    return report;
                }
            }
        }
        return last;
    }

    private static String browserLog() throws IOException {
        Path log = temp.resolve("chromium.log");
        return Files.exists(log) ? "\n--- chromium\n" + Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    private static RawImap imap(String user) throws IOException {
        return RawImap.inbox(dovecot.host(), dovecot.imapPort(), user, PASSWORD);
    }

    private static HttpRequest.Builder request(URI base, String path, String user) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", basic(user, PASSWORD));
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(URI base, String path, String user) throws IOException, InterruptedException {
        HttpResponse<String> response = send(request(base, path, user).build());
        assertEquals(200, response.statusCode(), response.body() + logs());
        return JSON.readTree(response.body());
    }

    private static String logs() {
        return "\n--- first gateway\n" + first.output() + "\n--- second gateway\n" + second.output() + "\n"
                + nginx.logs();
    }

    /** Cuts every connection through a proxy at random intervals, like a flaky mobile network. */
    private static final class RandomCuts implements AutoCloseable {
        private final Thread thread;
        private volatile boolean running = true;
        private volatile int count;

        private RandomCuts(TcpProxy proxy, Duration min, Duration max) {
            thread = new Thread(() -> {
                while (running) {
                    try {
                        Thread.sleep(ThreadLocalRandom.current().nextLong(min.toMillis(), max.toMillis()));
                    } catch (InterruptedException e) {
                        return;
                    }
                    proxy.cutAll();
                    count++;
                }
            }, "random-cuts");
            thread.setDaemon(true);
        }

        static RandomCuts start(TcpProxy proxy, Duration min, Duration max) {
            RandomCuts cuts = new RandomCuts(proxy, min, max);
            cuts.thread.start();
            return cuts;
        }

        int count() {
            return count;
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join(5_000);
        }
    }
}

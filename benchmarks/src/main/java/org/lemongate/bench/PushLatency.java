package org.lemongate.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.lemongate.testsupport.DovecotServer;
import org.lemongate.testsupport.LoopbackPorts;
import org.lemongate.testsupport.TcpProxy;

/**
 * Issue 6's delivery latency: from the completed APPEND (another IMAP session of the same user) to the moment the
 * client holds the new message, through each push transport of one gateway JVM (the built lemongate.jar) at once:
 * a REST event stream, a REST long poll and a SOAP WaitForChanges, all three subscribed when the APPEND happens, so
 * the same APPEND is measured through each. Against Dovecot and GreenMail, each with the watchers in IDLE and in poll
 * mode; with Dovecot also the CPU both sides spend while nothing changes. Then the bytes an idle event stream costs,
 * counted by a TCP proxy between client and gateway.
 */
final class PushLatency {

    private static final String USER = "bench";
    private static final String PASSWORD = "bench-secret";
    private static final int LATE_SECONDS = 10;
    private static final Pattern NEXT = Pattern.compile("\"next\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern SUBJECT = Pattern.compile("\"subject\"\\s*:\\s*\"(push [^\"]+)\"");
    private static final String AUTHORIZATION = "Basic " + Base64.getEncoder()
            .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    private PushLatency() {
    }

    /** The poll interval the poll-mode rows use (the gateway's {@code push-poll-interval}). */
    static final String POLL = "100ms";

    static String run(boolean quick, Path jar) throws Exception {
        int rounds = quick ? 20 : 100;
        int idleSeconds = quick ? 20 : 60;
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT, "Push delivery latency: completed "
                + "APPEND over IMAP -> message at the client, %d APPENDs per server and watcher mode, each seen "
                + "through all three transports at once%n%n| server | transport | n | p50 ms | p95 ms | p99 ms | "
                + "max ms |%n|---|---|---:|---:|---:|---:|---:|%n", rounds));
        StringBuilder cpu = new StringBuilder(String.format(Locale.ROOT, "%nCPU while one event stream is open and "
                + "nothing changes, %d s per mode (Dovecot: the master and all its processes; gateway: its JVM)%n%n"
                + "| watcher mode | Dovecot CPU ms per s | gateway CPU ms per s |%n|---|---:|---:|%n", idleSeconds));
        String idle = null;
        try (DovecotServer dovecot = DovecotServer.start(Map.of(USER, PASSWORD))) {
            for (boolean poll : new boolean[] {false, true}) {
                String mode = poll ? "poll " + POLL : "IDLE";
                try (GatewayProcess gateway = poll
                        ? GatewayProcess.start(jar, dovecot.imapUrl(), "512m", "--push-poll-interval", POLL)
                        : GatewayProcess.start(jar, dovecot.imapUrl())) {
                    measure("Dovecot (" + mode + ")", gateway, dovecot.host(), dovecot.imapPort(), rounds, report);
                    cpu.append(idleCpu(mode, gateway, dovecot.pid(), idleSeconds));
                    if (!poll) {
                        idle = idleBytes(gateway, quick ? 60 : 180);
                    }
                }
            }
        }
        for (boolean poll : new boolean[] {false, true}) {
            GreenMail greenMail = new GreenMail(new ServerSetup(LoopbackPorts.pickFree(), LoopbackPorts.HOST,
                    "imap"));
            greenMail.start();
            String url = "imap://" + LoopbackPorts.HOST + ":" + greenMail.getImap().getPort();
            try (GatewayProcess gateway = poll ? GatewayProcess.start(jar, url, "512m", "--push-poll-interval", POLL)
                    : GatewayProcess.start(jar, url)) {
                greenMail.setUser(USER + "@example.org", USER, PASSWORD);
                measure("GreenMail (" + (poll ? "poll " + POLL : "IDLE") + ")", gateway, LoopbackPorts.HOST,
                        greenMail.getImap().getPort(), rounds, report);
            } finally {
                greenMail.stop();
            }
        }
        return report.append(cpu).append('\n').append(idle).toString();
    }

    /** CPU of Dovecot and of the gateway while one stream is open and idle, per second of wall time. */
    private static String idleCpu(String mode, GatewayProcess gateway, long dovecotPid, int seconds)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (EventLines stream = EventLines.open(http, gateway.base(), "mailbox=INBOX", AUTHORIZATION, line -> {
        })) {
            Thread.sleep(2_000);
            double server = ProcessCpu.millis(dovecotPid);
            double gw = ProcessCpu.millis(gateway.pid());
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            double wall = (System.nanoTime() - start) / 1e9;
            return String.format(Locale.ROOT, "| %s | %.1f | %.1f |%n", mode,
                    (ProcessCpu.millis(dovecotPid) - server) / wall, (ProcessCpu.millis(gateway.pid()) - gw) / wall);
        }
    }

    private static void measure(String server, GatewayProcess gateway, String imapHost, int imapPort, int rounds,
                                StringBuilder report) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Map<String, Long> streamed = new ConcurrentHashMap<>();
        String token = next(http.send(get(gateway.base(), "api/v1/changes?mailbox=INBOX"),
                HttpResponse.BodyHandlers.ofString()));
        String state = SoapWaitLatency.state(http.send(SoapWaitLatency.soap(gateway.base(), AUTHORIZATION,
                        "SyncFolder", "<m:folder>INBOX</m:folder>"),
                HttpResponse.BodyHandlers.ofString()));
        Samples sse = new Samples();
        Samples longPoll = new Samples();
        Samples soapWait = new Samples();
        int sseLate = 0;
        int pollEmpty = 0;
        int waitEmpty = 0;
        Corpus corpus = new Corpus();
        Random random = new Random(6);
        System.err.println(server + ": measuring " + rounds + " APPENDs through three transports ...");
        try (HandWrittenImap imap = new HandWrittenImap(imapHost, imapPort, USER, PASSWORD, 256 * 1024);
             EventLines stream = EventLines.open(http, gateway.base(), "mailbox=INBOX&since="
                     + URLEncoder.encode(token, StandardCharsets.UTF_8), AUTHORIZATION, line -> {
                         long now = System.nanoTime();
                         Matcher m = SUBJECT.matcher(line);
                         while (m.find()) {
                             streamed.putIfAbsent(m.group(1), now);
                         }
                     })) {
            for (int i = 0; i < rounds; i++) {
                CompletableFuture<Answer> polled = http.sendAsync(get(gateway.base(), "api/v1/changes?mailbox=INBOX"
                                + "&wait=25&since=" + token), HttpResponse.BodyHandlers.ofString())
                        .thenApply(Answer::now);
                CompletableFuture<Answer> waited = http.sendAsync(SoapWaitLatency.soap(gateway.base(), AUTHORIZATION,
                        "WaitForChanges",
                        "<m:folder>INBOX</m:folder><m:syncState>" + state + "</m:syncState>"
                                + "<m:maxWaitSeconds>25</m:maxWaitSeconds>"), HttpResponse.BodyHandlers.ofString())
                        .thenApply(Answer::now);
                // Long enough for both requests to be held, at a moment the gateway cannot predict.
                Thread.sleep(150 + random.nextInt(200));
                String subject = "push " + server.charAt(0) + i;
                imap.append(List.of(corpus.text(subject, 2048, new Date())));
                long appended = System.nanoTime();
                Answer poll = polled.get(30, TimeUnit.SECONDS);
                Answer wait = waited.get(30, TimeUnit.SECONDS);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LATE_SECONDS);
                while (!streamed.containsKey(subject) && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                for (Answer a : List.of(poll, wait)) {
                    if (a.response.statusCode() != 200) {
                        throw new IllegalStateException(server + " round " + i + ": " + a.response.statusCode()
                                + " " + a.response.body());
                    }
                }
                if (streamed.containsKey(subject)) {
                    sse.add(streamed.get(subject) - appended);
                } else {
                    // Counted, not hidden: the table says how many APPENDs the stream had not delivered in time.
                    sseLate++;
                    System.err.println(server + " round " + i + ": no event within " + LATE_SECONDS + " s; gateway log "
                            + gateway.log());
                }
                // An answer without the message (the hold ran out first) is counted, and its token used on.
                if (poll.response.body().contains(subject)) {
                    longPoll.add(poll.at - appended);
                } else {
                    pollEmpty++;
                }
                if (wait.response.body().contains(subject)) {
                    soapWait.add(wait.at - appended);
                } else {
                    waitEmpty++;
                }
                token = next(poll.response);
                state = SoapWaitLatency.state(wait.response);
            }
        }
        row(report, server, "REST event stream (SSE)" + (sseLate == 0 ? "" : ", " + sseLate + " not within "
                + LATE_SECONDS + " s"), sse);
        row(report, server, "REST long poll (wait=25)" + missed(pollEmpty), longPoll);
        row(report, server, "SOAP WaitForChanges" + missed(waitEmpty), soapWait);
        System.err.print(report);
    }

    /** Bytes from gateway to client on an idle event stream with the default heartbeat, through a counting proxy. */
    private static String idleBytes(GatewayProcess gateway, int seconds) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (TcpProxy proxy = TcpProxy.start(LoopbackPorts.HOST, gateway.base().getPort())) {
            URI viaProxy = URI.create("http://" + proxy.host() + ":" + proxy.port() + "/");
            int[] heartbeats = new int[1];
            System.err.println("idle event stream: counting bytes for " + seconds + " s ...");
            try (EventLines stream = EventLines.open(http, viaProxy, "mailbox=INBOX", AUTHORIZATION, line -> {
                if (line.equals(": heartbeat")) {
                    heartbeats[0]++;
                }
            })) {
                Thread.sleep(2_000);
                long opened = proxy.bytesToClients();
                long fromClient = proxy.bytesFromClients();
                Thread.sleep(seconds * 1000L);
                long idleBytes = proxy.bytesToClients() - opened;
                double perHour = idleBytes * 3600.0 / seconds;
                // Each heartbeat travels as one TCP segment and is acknowledged by one: 52 bytes of IPv4 and TCP
                // headers (with timestamps) each way, Ethernet framing not counted.
                double segmentsPerHour = heartbeats[0] * 3600.0 / seconds;
                double withTcp = perHour + segmentsPerHour * 2 * 52;
                return String.format(Locale.ROOT, "Idle event stream (default heartbeat 15 s), measured for %d s "
                                + "through a counting TCP proxy and extrapolated to one hour:%n%n"
                                + "| opening request bytes | response head + retry bytes | heartbeats seen | "
                                + "payload bytes per idle hour | with TCP/IP headers and ACKs (estimate) |%n"
                                + "|---:|---:|---:|---:|---:|%n| %d | %d | %d | %.0f | %.0f |%n",
                        seconds, fromClient, opened, heartbeats[0], perHour, withTcp);
            }
        }
    }

    private static String missed(int empty) {
        return empty == 0 ? "" : ", " + empty + " answered empty after the hold";
    }

    private static void row(StringBuilder report, String server, String transport, Samples s) {
        if (s.count() == 0) {
            report.append("| ").append(server).append(" | ").append(transport).append(" | 0 | - | - | - | - |\n");
            return;
        }
        report.append(String.format(Locale.ROOT, "| %s | %s | %d | %.1f | %.1f | %.1f | %.1f |%n", server,
                transport, s.count(), s.medianMillis(), s.quantileMillis(0.95), s.quantileMillis(0.99),
                s.quantileMillis(1.0)));
    }

    /** A response and when it completed. */
    private record Answer(HttpResponse<String> response, long at) {
        static Answer now(HttpResponse<String> response) {
            return new Answer(response, System.nanoTime());
        }
    }

    private static HttpRequest get(URI base, String path) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", AUTHORIZATION).build();
    }

    private static String next(HttpResponse<String> reply) {
        Matcher m = NEXT.matcher(reply.body());
        if (reply.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException(reply.statusCode() + " " + reply.body());
        }
        return URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
    }
}

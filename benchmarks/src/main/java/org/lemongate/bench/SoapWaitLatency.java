package org.lemongate.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.lemongate.testsupport.DovecotServer;

/**
 * Issue 6's push latency for the SOAP transport: a WaitForChanges is held by the gateway (its own JVM, the built
 * lemongate.jar, in front of a private Dovecot) when another IMAP session APPENDs a message; measured is the time
 * from the APPEND's completion to the WaitForChanges reply naming the new message. Each round starts from the
 * syncState the previous reply gave, as a client does.
 */
final class SoapWaitLatency {

    private static final String NS = "urn:lemongate:mail:1";
    private static final Pattern STATE = Pattern.compile("<syncState>([^<]+)</syncState>");

    private SoapWaitLatency() {
    }

    static String run(boolean quick, Path jar) throws Exception {
        String user = "bench";
        String password = "bench-secret";
        int rounds = quick ? 40 : 200;
        try (DovecotServer dovecot = DovecotServer.start(Map.of(user, password));
             GatewayProcess gateway = GatewayProcess.start(jar, dovecot.imapUrl());
             HandWrittenImap imap = new HandWrittenImap(dovecot.host(), dovecot.imapPort(), user, password,
                     256 * 1024)) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String authorization = "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            Corpus corpus = new Corpus();
            String state = state(http.send(soap(gateway.base(), authorization, "SyncFolder",
                    "<m:folder>INBOX</m:folder>"), HttpResponse.BodyHandlers.ofString()));
            Samples latency = new Samples();
            Random random = new Random(6);
            System.err.println("measuring " + rounds + " APPEND -> WaitForChanges rounds ...");
            for (int i = 0; i < rounds; i++) {
                CompletableFuture<HttpResponse<String>> waiting = http.sendAsync(soap(gateway.base(), authorization,
                        "WaitForChanges", "<m:folder>INBOX</m:folder><m:syncState>" + state
                                + "</m:syncState><m:maxWaitSeconds>25</m:maxWaitSeconds>"),
                        HttpResponse.BodyHandlers.ofString());
                // Long enough for the request to be held, at a moment the gateway cannot predict.
                Thread.sleep(100 + random.nextInt(200));
                String subject = "push " + i;
                imap.append(List.of(corpus.text(subject, 2048, new java.util.Date())));
                long appended = System.nanoTime();
                HttpResponse<String> reply = waiting.get(30, TimeUnit.SECONDS);
                long answered = System.nanoTime();
                if (reply.statusCode() != 200 || !reply.body().contains("<subject>" + subject + "</subject>")) {
                    throw new IllegalStateException("round " + i + ": " + reply.statusCode() + " " + reply.body());
                }
                latency.add(answered - appended);
                state = state(reply);
            }
            return String.format(Locale.ROOT, "SOAP WaitForChanges, APPEND over IMAP -> reply, %d rounds%n%n"
                            + "| p50 ms | p95 ms | p99 ms | max ms |%n|---:|---:|---:|---:|%n"
                            + "| %.1f | %.1f | %.1f | %.1f |%n", rounds, latency.medianMillis(),
                    latency.quantileMillis(0.95), latency.quantileMillis(0.99), latency.quantileMillis(1.0));
        }
    }

    /** A SOAP 1.1 call of the mail contract with Basic credentials. */
    static HttpRequest soap(URI base, String authorization, String operation, String content) {
        String envelope = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soap:Envelope "
                + "xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:m=\"" + NS + "\"><soap:Body><m:"
                + operation + ">" + content + "</m:" + operation + "></soap:Body></soap:Envelope>";
        return HttpRequest.newBuilder(base.resolve("soap/mail"))
                .header("Content-Type", "text/xml; charset=UTF-8")
                .header("SOAPAction", "\"" + NS + "#" + operation + "\"")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(envelope)).build();
    }

    /** The syncState of a successful SyncFolder or WaitForChanges reply. */
    static String state(HttpResponse<String> reply) {
        Matcher m = STATE.matcher(reply.body());
        if (reply.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException(reply.statusCode() + " " + reply.body());
        }
        return m.group(1);
    }
}

package org.lemongate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lemongate.app.TestGateway.basic;
import static org.lemongate.app.TestGateway.get;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.icegreen.greenmail.junit5.GreenMailExtension;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** The embedded gateway over real HTTP against GreenMail: start page, probes, metrics, bindings, request ids. */
class GatewayHttpTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(TestGateway.mailSetup())
            .withPerMethodLifecycle(false);

    private static final String USER = "alice";
    private static final String PASSWORD = "alice-secret";

    /** One sample line of the Prometheus text format: name, optional labels, value. */
    private static final Pattern SAMPLE = Pattern.compile(
            "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"[^\"]*\",?)*})? "
                    + "(-?[0-9.]+([eE][-+]?[0-9]+)?|NaN|[+-]Inf)");

    private static EmbeddedServer server;

    @BeforeAll
    static void start() {
        MAIL.setUser(USER + "@example.org", USER, PASSWORD);
        server = TestGateway.start(MAIL.getImap().getPort(), MAIL.getSmtp().getPort());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static URI at(String path) {
        return server.baseUri().resolve(path);
    }

    @Test
    void startPageNamesTheBindingsWithTheirLinks() throws Exception {
        HttpResponse<String> res = get(at("/"));
        assertEquals(200, res.statusCode());
        assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        String html = res.body();
        for (String link : new String[] {"href=\"/soap/mail?wsdl\"", "href=\"/api/v1/openapi.json\"",
                "href=\"/dav/\"", "href=\"/api/v1\""}) {
            assertTrue(html.contains(link), link + " in " + html);
        }
        assertTrue(html.contains("REST") && html.contains("SOAP") && html.contains("WebDAV"), html);
    }

    @Test
    void livenessAndReadinessAnswer200WhileTheBackendRuns() throws Exception {
        HttpResponse<String> health = get(at("/healthz"));
        assertEquals(200, health.statusCode());
        assertEquals("ok", health.body().strip());
        HttpResponse<String> ready = get(at("/readyz"));
        assertEquals(200, ready.statusCode());
        assertEquals("ready", ready.body().strip());
    }

    @Test
    void oversizedHeadersAreRefusedBeforeAnyServlet() throws Exception {
        assertEquals(200, get(at("/healthz"), "X-Padding", "x".repeat(16 * 1024)).statusCode());
        assertEquals(400, get(at("/healthz"), "X-Padding", "x".repeat(40 * 1024)).statusCode());
    }

    @Test
    void everyResponseCarriesARequestId() throws Exception {
        String generated = get(at("/healthz")).headers().firstValue(RequestTracking.HEADER).orElseThrow();
        assertTrue(generated.matches("[0-9a-f-]{36}"), generated);
        assertNotEquals(generated, get(at("/healthz")).headers().firstValue(RequestTracking.HEADER).orElseThrow());
        assertEquals(Optional.of("proxy-id-12345"), get(at("/readyz"), RequestTracking.HEADER, "proxy-id-12345")
                .headers().firstValue(RequestTracking.HEADER), "a safe id from a proxy is kept");
        String replaced = get(at("/healthz"), RequestTracking.HEADER, "<script>alert(1)</script>")
                .headers().firstValue(RequestTracking.HEADER).orElseThrow();
        assertTrue(replaced.matches("[0-9a-f-]{36}"), "an unsafe id is replaced: " + replaced);
        assertTrue(get(at("/api/v1/mailboxes")).headers().firstValue(RequestTracking.HEADER).isPresent(),
                "binding responses carry it too");
    }

    @Test
    void logsCarryTheRequestIdButNeverCredentials() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        root.addAppender(events);
        try {
            String authorization = basic(USER, PASSWORD);
            HttpResponse<String> res = get(at("/api/v1/mailboxes"), "Authorization", authorization);
            assertEquals(200, res.statusCode());
            String id = res.headers().firstValue(RequestTracking.HEADER).orElseThrow();
            // The line is written as the request completes, which may be just after the client has the response.
            ILoggingEvent access = null;
            for (long deadline = System.nanoTime() + 5_000_000_000L; access == null && System.nanoTime() < deadline; ) {
                access = logged(events).stream()
                        .filter(e -> e.getLoggerName().equals("org.lemongate.access")
                                && id.equals(e.getMDCPropertyMap().get(RequestTracking.MDC_KEY)))
                        .findFirst().orElse(null);
                Thread.sleep(20);
            }
            assertNotNull(access, "no access-log line for " + id);
            assertEquals("GET /api/v1/mailboxes 200", access.getFormattedMessage().replaceFirst(" \\d+ms.*", ""));
            for (ILoggingEvent e : logged(events)) {
                String text = e.getFormattedMessage() + e.getMDCPropertyMap();
                assertFalse(text.contains(PASSWORD) || text.contains(authorization.substring(6)), text);
            }
        } finally {
            root.detachAppender(events);
        }
    }

    @Test
    void restAnswersUnderApiAndPassesCredentialsToImap() throws Exception {
        HttpResponse<String> anonymous = get(at("/api/v1/mailboxes"));
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        assertEquals(401, get(at("/api/v1/mailboxes"), "Authorization", basic(USER, "wrong")).statusCode());
        HttpResponse<String> ok = get(at("/api/v1/mailboxes"), "Authorization", basic(USER, PASSWORD));
        assertEquals(200, ok.statusCode(), ok.body());
        assertTrue(ok.body().contains("INBOX"), ok.body());
    }

    @Test
    void soapAnswersUnderSoapWithItsWsdl() throws Exception {
        HttpResponse<String> wsdl = get(at("/soap/mail?wsdl"));
        assertEquals(200, wsdl.statusCode());
        assertTrue(wsdl.body().contains("definitions"), wsdl.body());
    }

    @Test
    void webdavAnswersUnderDav() throws Exception {
        HttpResponse<String> anonymous = TestGateway.send("PROPFIND", at("/dav/"), "Depth", "1");
        assertEquals(401, anonymous.statusCode());
        assertEquals(401, TestGateway.send("PROPFIND", at("/dav/"), "Depth", "1",
                "Authorization", basic(USER, "wrong")).statusCode());
        HttpResponse<String> listing = TestGateway.send("PROPFIND", at("/dav/"), "Depth", "1",
                "Authorization", basic(USER, PASSWORD));
        assertEquals(207, listing.statusCode(), listing.body());
        assertTrue(listing.body().contains("INBOX"), listing.body());
    }

    @Test
    void metricsAreValidPrometheusTextAndCountRequests() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertEquals(200, get(at("/healthz")).statusCode());
        }
        assertEquals(401, get(at("/api/v1/mailboxes"), "Authorization", basic(USER, "wrong")).statusCode());
        HttpResponse<String> res = get(at("/metrics"));
        assertEquals(200, res.statusCode());
        assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        String text = res.body();
        for (String line : text.split("\n")) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                assertTrue(SAMPLE.matcher(line).matches(), "not a Prometheus sample line: " + line);
            }
        }
        assertTrue(count(text, "lemongate_http_requests_total{binding=\"gateway\",method=\"GET\",status=\"2xx\"}")
                >= 3, text);
        assertTrue(count(text, "lemongate_http_requests_total{binding=\"rest\",method=\"GET\",status=\"4xx\"}")
                >= 1, text);
        assertTrue(text.contains("lemongate_http_request_duration_seconds_bucket{binding=\"gateway\",le=\"+Inf\"}"),
                text);
        for (String gauge : new String[] {"lemongate_imap_connections_open ", "lemongate_imap_connections_leased ",
                "lemongate_imap_connections_opened_total ", "lemongate_login_failures_total ",
                "lemongate_logins_throttled_total ", "lemongate_backend_errors_total ",
                "lemongate_imap_connections_discarded_total "}) {
            assertTrue(text.contains("\n" + gauge), gauge + " in " + text);
        }
        assertTrue(count(text, "lemongate_login_failures_total") >= 1, text);
        assertFalse(text.contains(USER), "no user name in any metric");
    }

    private static List<ILoggingEvent> logged(ListAppender<ILoggingEvent> events) {
        // The appender adds under its own lock.
        synchronized (events) {
            return new ArrayList<>(events.list);
        }
    }

    private static double count(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }
}

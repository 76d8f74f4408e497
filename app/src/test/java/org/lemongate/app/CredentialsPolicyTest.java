package org.lemongate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lemongate.app.TestGateway.basic;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import com.icegreen.greenmail.junit5.GreenMailExtension;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The insecure-credentials policy in each binding's idiom. Every test client is on loopback, so a client elsewhere
 * is simulated honestly: through a trusted proxy (loopback, listed in trusted-proxies) that names a remote client
 * and says whether it terminated TLS. A gateway with {@code refuse} shows the refusal to a direct loopback client.
 */
class CredentialsPolicyTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(TestGateway.mailSetup())
            .withPerMethodLifecycle(false);

    private static final String USER = "dave";
    private static final String PASSWORD = "Dave-Pa55-never-logged";
    private static final String SOAP_CALL = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
            + "<soap:Body/></soap:Envelope>";

    private static EmbeddedServer loopbackAllowed;
    private static EmbeddedServer refusing;
    private static EmbeddedServer allowing;

    @BeforeAll
    static void start() {
        MAIL.setUser(USER + "@example.org", USER, PASSWORD);
        int imap = MAIL.getImap().getPort();
        int smtp = MAIL.getSmtp().getPort();
        loopbackAllowed = TestGateway.start(imap, smtp, "--trusted-proxies", "127.0.0.1");
        refusing = TestGateway.start(imap, smtp, "--insecure-credentials", "refuse");
        allowing = TestGateway.start(imap, smtp, "--trusted-proxies", "127.0.0.1", "--insecure-credentials", "allow");
    }

    @AfterAll
    static void stop() {
        loopbackAllowed.close();
        refusing.close();
        allowing.close();
    }

    private static RawHttp.Response get(EmbeddedServer server, String path, String... headers) throws Exception {
        List<String> head = new ArrayList<>(List.of("GET " + path + " HTTP/1.1", "Host: localhost"));
        head.addAll(List.of(headers));
        return RawHttp.send(server.baseUri(), null, head.toArray(String[]::new));
    }

    /** The status of a mailbox listing that the trusted proxy forwards for {@code client} over {@code proto}. */
    private static int forwarded(EmbeddedServer server, String client, String proto) throws Exception {
        return get(server, "/api/v1/mailboxes", "X-Forwarded-For: " + client, "X-Forwarded-Proto: " + proto,
                "Authorization: " + basic(USER, PASSWORD)).status();
    }

    @Test
    void aDirectLoopbackClientMayUsePlainHttpByDefault() throws Exception {
        assertEquals(200, get(loopbackAllowed, "/api/v1/mailboxes", "Authorization: " + basic(USER, PASSWORD))
                .status());
    }

    @Test
    void aRemoteClientOnPlainHttpIsRefusedInEachBindingsIdiom() throws Exception {
        String[] remote = {"X-Forwarded-For: 198.51.100.7", "X-Forwarded-Proto: http",
            "Authorization: " + basic(USER, PASSWORD)};
        RawHttp.Response rest = get(loopbackAllowed, "/api/v1/mailboxes", remote);
        assertEquals(403, rest.status());
        assertEquals("application/problem+json", rest.header("Content-Type").orElseThrow());
        assertTrue(rest.body().contains("urn:lemongate:problem:insecure-transport"), rest.body());
        assertTrue(rest.body().contains("https://"), rest.body());

        RawHttp.Response dav = get(loopbackAllowed, "/dav/", remote);
        assertEquals(403, dav.status());
        assertTrue(dav.header("Content-Type").orElseThrow().startsWith("text/plain"), dav.body());
        assertTrue(dav.body().contains("plain HTTP"), dav.body());

        List<String> head = new ArrayList<>(List.of("POST /soap/mail HTTP/1.1", "Host: localhost",
                "Content-Type: text/xml; charset=UTF-8", "SOAPAction: \"\""));
        head.addAll(List.of(remote).subList(0, 2));
        RawHttp.Response soap = RawHttp.send(loopbackAllowed.baseUri(), SOAP_CALL, head.toArray(String[]::new));
        assertEquals(403, soap.status());
        assertTrue(soap.body().contains("<faultcode>soap:Client</faultcode>"), soap.body());
        assertTrue(soap.body().contains("<code>FORBIDDEN</code>"), soap.body());
    }

    @Test
    void aRemoteClientBehindTheTlsTerminatingProxyIsServed() throws Exception {
        assertEquals(200, forwarded(loopbackAllowed, "198.51.100.7", "https"));
    }

    @Test
    void aLoopbackClientTheTrustedProxyVouchesForCountsAsLocal() throws Exception {
        assertEquals(200, forwarded(loopbackAllowed, "127.0.0.1", "http"));
    }

    @Test
    void refuseTurnsAwayLoopbackToo() throws Exception {
        RawHttp.Response basicAuth = get(refusing, "/api/v1/mailboxes", "Authorization: " + basic(USER, PASSWORD));
        assertEquals(403, basicAuth.status());
        RawHttp.Response bearer = get(refusing, "/api/v1/mailboxes", "Authorization: Bearer abc.def.ghi");
        assertEquals(403, bearer.status());
        RawHttp.Response propfind = RawHttp.send(refusing.baseUri(), null, "PROPFIND /dav/ HTTP/1.1",
                "Host: localhost", "Depth: 0", "Authorization: " + basic(USER, PASSWORD));
        assertEquals(403, propfind.status());
        // What carries no credentials stays public.
        assertEquals(200, get(refusing, "/soap/mail?wsdl").status());
        assertEquals(200, get(refusing, "/api/v1/openapi.json").status());
    }

    @Test
    void anEventTicketInTheQueryIsRefusedOverPlainHttpLikeAPasswordAndNeverLogged() throws Exception {
        RawHttp.Response issued = RawHttp.send(loopbackAllowed.baseUri(), "", "POST /api/v1/events/tickets HTTP/1.1",
                "Host: localhost", "Authorization: " + basic(USER, PASSWORD));
        assertEquals(200, issued.status(), issued.body());
        String ticket = issued.body().replaceAll("(?s).*\"ticket\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        List<ILoggingEvent> events;
        RawHttp.Response remote;
        RawHttp.Response encodedName;
        try (CapturedLog log = CapturedLog.of(org.slf4j.Logger.ROOT_LOGGER_NAME)) {
            remote = get(loopbackAllowed, "/api/v1/events?mailbox=INBOX&access_token=" + ticket,
                    "X-Forwarded-For: 198.51.100.7", "X-Forwarded-Proto: http");
            encodedName = get(refusing, "/api/v1/events?mailbox=INBOX&access%5Ftoken=" + ticket);
            events = log.events();
        }
        assertEquals(403, remote.status(), remote.body());
        assertTrue(remote.body().contains("urn:lemongate:problem:insecure-transport"), remote.body());
        assertEquals(403, encodedName.status(), "a percent-encoded parameter name is the same parameter");
        assertTrue(events.stream().anyMatch(e -> e.getFormattedMessage().startsWith(
                "refused credentials sent over plain HTTP from 198.51.100.7")), "the refusal is logged");
        for (ILoggingEvent e : events) {
            assertFalse((e.getFormattedMessage() + e.getMDCPropertyMap()).contains(ticket), "ticket in log: " + e);
        }
    }

    @Test
    void allowAcceptsPlainHttpFromAnywhere() throws Exception {
        assertEquals(200, forwarded(allowing, "198.51.100.7", "http"));
    }

    @Test
    void thePasswordAppearsInNoLogLineMetricOrResponse() throws Exception {
        List<String> responses = new ArrayList<>();
        List<ILoggingEvent> events;
        try (CapturedLog log = CapturedLog.of(org.slf4j.Logger.ROOT_LOGGER_NAME)) {
            String good = "Authorization: " + basic(USER, PASSWORD);
            String bad = "Authorization: " + basic(USER, PASSWORD + "-wrong");
            for (String auth : new String[] {good, bad}) {
                for (String path : new String[] {"/api/v1/mailboxes", "/dav/"}) {
                    responses.add(get(loopbackAllowed, path, auth).body());
                    responses.add(get(loopbackAllowed, path, auth, "X-Forwarded-For: 198.51.100.7").body());
                }
                responses.add(get(refusing, "/api/v1/mailboxes", auth).body());
            }
            responses.add(get(loopbackAllowed, "/metrics").body());
            events = log.events();
        }
        String encoded = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertTrue(events.size() > 10, "the requests were logged: " + events.size());
        for (ILoggingEvent e : events) {
            String line = e.getFormattedMessage() + (e.getThrowableProxy() == null ? ""
                    : ThrowableProxyUtil.asString(e.getThrowableProxy())) + e.getMDCPropertyMap();
            assertFalse(line.contains(PASSWORD) || line.contains(encoded), "secret in log: " + line);
        }
        for (String body : responses) {
            assertFalse(body.contains(PASSWORD) || body.contains(encoded), "secret in response: " + body);
        }
        assertTrue(events.stream().anyMatch(e -> e.getFormattedMessage().startsWith(
                "refused credentials sent over plain HTTP from 198.51.100.7")), "the refusal is logged");
    }
}

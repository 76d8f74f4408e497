package org.lemongate.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.Socket;
import java.io.InputStream;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests a client should never send get a SOAP Client fault whose reason names the problem and whose detail is
 * the contract's MailboxFaultDetail, quickly, and never an HTML page or a stack trace.
 */
class BadInputTest {

    @RegisterExtension
    static final SoapTestGateway gateway = SoapTestGateway.withGreenMail();

    private static final String ENVELOPE_START = "<s:Envelope xmlns:s=\"" + SoapRequest.SOAP11
            + "\" xmlns:m=\"" + SoapRequest.NS + "\">";
    private static final String BODY_START = ENVELOPE_START + "<s:Body>";
    private static final String BODY_END = "</s:Body></s:Envelope>";

    private static SoapResponse send(SoapRequest request) throws Exception {
        long started = System.nanoTime();
        SoapResponse r = gateway.call(request);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "answered in " + took);
        assertFalse(r.body().contains("<html") || r.body().contains("\tat ") || r.body().contains("Exception"),
                "no HTML, no stack trace: " + r.body());
        return r;
    }

    /** Checks the reply is a Client fault with INVALID_INPUT detail; returns the reason. */
    private static String invalidInput(SoapResponse r) throws Exception {
        assertEquals(500, r.status(), r.body());
        assertEquals("INVALID_INPUT", r.text("//s11:Fault/detail/m:MailboxFaultDetail/m:code"), r.body());
        assertEquals("false", r.text("//m:MailboxFaultDetail/m:retryable"));
        return r.text("//s11:Fault/faultstring");
    }

    private static String faultCode(SoapResponse r) throws Exception {
        return r.text("//s11:Fault/faultcode").replaceFirst("^.*:", "");
    }

    @Test
    void notXml() throws Exception {
        SoapResponse r = send(SoapRequest.raw11("ListFolders", "this is not XML"));
        assertTrue(invalidInput(r).contains("Unexpected character 't'"), r.body());
        assertEquals("Client", faultCode(r));
    }

    @Test
    void soap12EnvelopeOnTheSoap11PortIsAVersionMismatch() throws Exception {
        SoapResponse r = send(new SoapRequest("/soap/mail", "text/xml; charset=UTF-8",
                Optional.of("\"urn:lemongate:mail:1#ListFolders\""), SoapRequest.soap12("ListFolders", "").body()));
        assertTrue(invalidInput(r).contains("SOAP 1.2 message is not valid"), r.body());
        assertEquals("VersionMismatch", faultCode(r));
    }

    @Test
    void unknownOperation() throws Exception {
        SoapResponse r = send(SoapRequest.soap11("ListEverything", ""));
        assertTrue(invalidInput(r).contains("ListEverything was not recognized"), r.body());
    }

    @Test
    void aSoapActionThatContradictsTheBodyIsRefused() throws Exception {
        SoapRequest listFolders = SoapRequest.soap11("ListFolders", "");
        SoapResponse r = send(new SoapRequest("/soap/mail", listFolders.contentType(),
                Optional.of("\"urn:lemongate:mail:1#DeleteFolder\""), listFolders.body()));
        assertTrue(invalidInput(r).contains("Expected {urn:lemongate:mail:1}DeleteFolder"), r.body());
    }

    @Test
    void missingRequiredElementIsNamed() throws Exception {
        SoapResponse r = send(SoapRequest.soap11("GetFolder", ""));
        assertTrue(invalidInput(r).contains("\"urn:lemongate:mail:1\":name}' is expected"), r.body());
    }

    /**
     * Validators are reused per thread (ReusedValidators): one that stopped at an invalid request must check the next
     * request from scratch, and parallel requests must not share one.
     */
    @Test
    void validationHoldsForEveryRequestWhenValidAndInvalidOnesInterleaveInParallel() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> rounds = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int round = i;
                rounds.add(clients.submit(() -> {
                    if (round % 2 == 0) {
                        SoapResponse bad = send(SoapRequest.soap11("GetFolder",
                                "<m:name>INBOX</m:name><m:name>x</m:name>"));
                        assertTrue(invalidInput(bad).contains("cvc-complex-type"), bad.body());
                    } else {
                        SoapResponse good = send(SoapRequest.soap11("GetFolder", "<m:name>INBOX</m:name>"));
                        assertEquals(200, good.status(), good.body());
                        assertEquals("INBOX", good.text("//m:folder/m:name"), good.body());
                    }
                    return null;
                }));
            }
            for (Future<?> round : rounds) {
                round.get(30, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void externalEntitiesAreRefusedUnread() throws Exception {
        SoapResponse r = send(SoapRequest.raw11("GetFolder", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM "
                + "\"file:///etc/passwd\">]>" + BODY_START + "<m:GetFolder><m:name>&e;</m:name></m:GetFolder>"
                + BODY_END));
        assertTrue(invalidInput(r).contains("DTD"), r.body());
        assertFalse(r.body().contains("root:"), r.body());
    }

    @Test
    void billionLaughsIsRefusedBeforeExpansion() throws Exception {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE s:Envelope [<!ENTITY l0 \"ha\">");
        for (int i = 1; i <= 10; i++) {
            dtd.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");
        SoapResponse r = send(SoapRequest.raw11("GetFolder", "<?xml version=\"1.0\"?>" + dtd + BODY_START
                + "<m:GetFolder><m:name>&l10;</m:name></m:GetFolder>" + BODY_END));
        assertTrue(invalidInput(r).contains("DTD"), r.body());
    }

    @Test
    void aHundredThousandSiblingsHitTheParserLimit() throws Exception {
        String id = "<m:id><m:folder>INBOX</m:folder><m:uidValidity>1</m:uidValidity><m:uid>1</m:uid></m:id>";
        SoapResponse r = send(SoapRequest.raw11("SetFlags", BODY_START + "<m:SetFlags>" + id.repeat(100_000)
                + "<m:add>\\Seen</m:add></m:SetFlags>" + BODY_END));
        assertTrue(invalidInput(r).contains("5000"), r.body());
    }

    @Test
    void nesting500DeepHitsTheParserLimit() throws Exception {
        SoapResponse r = send(SoapRequest.raw11("ListFolders", ENVELOPE_START + "<s:Header>" + "<x>".repeat(500)
                + "</x>".repeat(500) + "</s:Header><s:Body><m:ListFolders/>" + BODY_END));
        assertTrue(invalidInput(r).contains("40"), r.body());
    }

    @Test
    void xopIncludeWithAnExternalHrefIsNotFollowed() throws Exception {
        try (ServerSocket trap = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            trap.setSoTimeout(1000);
            String boundary = "MIMEBoundary";
            String envelope = BODY_START + "<m:AppendMessage><m:folder>INBOX</m:folder><m:mime>"
                    + "<xop:Include xmlns:xop=\"http://www.w3.org/2004/08/xop/include\" href=\"http://127.0.0.1:"
                    + trap.getLocalPort() + "/secret\"/></m:mime></m:AppendMessage>" + BODY_END;
            String body = "--" + boundary + "\r\nContent-Type: application/xop+xml; charset=UTF-8; "
                    + "type=\"text/xml\"\r\nContent-ID: <root@lemongate>\r\n\r\n" + envelope + "\r\n--" + boundary
                    + "--\r\n";
            SoapResponse r = send(new SoapRequest("/soap/mail-mtom", "multipart/related; type=\"application/xop+xml\"; "
                    + "boundary=\"" + boundary + "\"; start=\"<root@lemongate>\"; start-info=\"text/xml\"",
                    Optional.of("\"urn:lemongate:mail:1#AppendMessage\""), body));
            assertTrue(invalidInput(r).contains("No attachment for id http://127.0.0.1:" + trap.getLocalPort()),
                    r.body());
            assertEquals("Client", faultCode(r), r.body());
            assertThrows(SocketTimeoutException.class, trap::accept, "the gateway never fetched the href");
        }
    }

    @Test
    void aPathThatIsNoPortGetsAFaultNamingThePortsNotAnHtmlPage() throws Exception {
        SoapRequest listFolders = SoapRequest.soap11("ListFolders", "");
        SoapResponse posted = send(new SoapRequest("/soap/mailbox", listFolders.contentType(),
                listFolders.soapActionHeader(), listFolders.body()));
        assertEquals(404, posted.status(), posted.body());
        assertEquals("NOT_FOUND", posted.text("//s11:Fault/detail/m:MailboxFaultDetail/m:code"), posted.body());
        assertTrue(posted.text("//s11:Fault/faultstring").contains("/soap/mail12 (SOAP 1.2)"), posted.body());

        SoapResponse root = new SoapResponse(gateway.send(gateway.request("/soap/").GET()));
        assertEquals(404, root.status(), root.body());
        assertEquals("NOT_FOUND", root.text("//m:MailboxFaultDetail/m:code"), root.body());
    }

    @Test
    void anAnnouncedOversizedBodyIsRefusedAtOnce() throws Exception {
        // Only the headers are sent: the refusal must come from Content-Length alone, before any body byte.
        long size = RequestSizeLimit.INLINE_PORT_LIMIT + 1;
        URI uri = gateway.uri("/soap/mail");
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            String head = "POST /soap/mail HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                    + "Authorization: " + SoapTestGateway.basic(SoapTestGateway.USER, SoapTestGateway.PASSWORD)
                    + "\r\nContent-Type: text/xml; charset=UTF-8\r\nContent-Length: " + size + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = readResponse(socket.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
            SoapResponse.parse(body.substring(body.indexOf('<'), body.lastIndexOf('>') + 1));
            assertTrue(body.contains("TOO_LARGE"), body);
            assertTrue(body.contains("/soap/mail-mtom"), body);
        }
    }

    /** Reads one HTTP response with a Content-Length or chunked body, as text. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            all.write(buf, 0, n);
            String text = all.toString(StandardCharsets.UTF_8);
            int headEnd = text.indexOf("\r\n\r\n");
            if (headEnd > 0 && (text.endsWith("</soap:Envelope>") || text.endsWith("0\r\n\r\n")
                    || text.trim().endsWith("Envelope>"))) {
                return text;
            }
        }
        return all.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aStreamedOversizedBodyIsCutOff() throws Exception {
        // Comments before the envelope: nothing the parser keeps, so only the size limit can stop it.
        byte[] comment = ("<!--" + "x".repeat(8 * 1024) + "-->").getBytes(StandardCharsets.US_ASCII);
        int count = (int) (RequestSizeLimit.INLINE_PORT_LIMIT / comment.length) + 2;
        byte[] envelope = (BODY_START + "<m:ListFolders/>" + BODY_END).getBytes(StandardCharsets.UTF_8);
        byte[] big = new byte[comment.length * count + envelope.length];
        for (int i = 0; i < count; i++) {
            System.arraycopy(comment, 0, big, i * comment.length, comment.length);
        }
        System.arraycopy(envelope, 0, big, comment.length * count, envelope.length);
        SoapResponse r = new SoapResponse(gateway.send(gateway.request("/soap/mail")
                .header("Content-Type", "text/xml; charset=UTF-8")
                .header("SOAPAction", "\"urn:lemongate:mail:1#ListFolders\"")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))));
        assertEquals(500, r.status(), r.body());
        assertEquals("TOO_LARGE", r.text("//s11:Fault/detail/m:MailboxFaultDetail/m:code"), r.body());
        assertTrue(r.text("//s11:Fault/faultstring").contains("larger than the " + RequestSizeLimit.INLINE_PORT_LIMIT),
                r.body());
    }
}

package org.lemongate.soap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lemongate.mapping.ByteRange;
import org.lemongate.mapping.Content;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;
import org.slf4j.LoggerFactory;

/**
 * Inline content written as base64 straight into the reply (ADR 0025) is exactly the bytes IMAP holds, on both
 * ports without MTOM, gzipped or not, whole or in ranges, for sizes around base64's groups of three and around the
 * writer's chunk; and it is written that way, not as JAXB's one long String.
 */
class InlineContentBytesTest {

    @RegisterExtension
    static final SoapTestGateway gateway = SoapTestGateway.withGreenMail();

    private static final int[] SIZES = {0, 1, 2, 3, 4, 1000, Base64Stream.CHUNK + 1, 100 * 1024};
    private static final String[] PORTS = {"/soap/mail", "/soap/mail12"};

    /** Attachment bytes by size, and the id of the message carrying them. */
    private static final Map<Integer, byte[]> attachments = new LinkedHashMap<>();
    private static final Map<Integer, String> ids = new LinkedHashMap<>();
    private static MailAccount account;
    private static long uidValidity;

    @BeforeAll
    static void deliver() throws Exception {
        Random random = new Random(25);
        for (int size : SIZES) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            attachments.put(size, data);
            String message = "From: Carol <carol@example.org>\r\nTo: Ann <ann@example.org>\r\nSubject: size " + size
                    + "\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n"
                    + "Content-Type: text/plain\r\n\r\nBytes attached.\r\n--b\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                    + Base64.getMimeEncoder().encodeToString(data) + "\r\n--b--\r\n";
            gateway.deliver(message.getBytes(StandardCharsets.US_ASCII));
        }
        SoapResponse list = gateway.call(SoapRequest.soap11("ListMessages",
                "<m:folder>INBOX</m:folder><m:pageSize>50</m:pageSize>"));
        List<String> subjects = list.texts("//m:message/m:subject");
        List<String> uids = list.texts("//m:message/m:id/m:uid");
        uidValidity = Long.parseLong(list.text("//m:message/m:id/m:uidValidity"));
        for (int i = 0; i < subjects.size(); i++) {
            ids.put(Integer.parseInt(subjects.get(i).substring("size ".length())), uids.get(i));
        }
        account = gateway.mailGateway().login(Credentials.password(SoapTestGateway.USER, SoapTestGateway.PASSWORD,
                "127.0.0.1"));
    }

    static Stream<Arguments> sizesPortsAndGzip() {
        List<Arguments> all = new ArrayList<>();
        for (int size : SIZES) {
            for (String port : PORTS) {
                all.add(Arguments.of(size, port, false));
                all.add(Arguments.of(size, port, true));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} bytes on {1}, gzip {2}")
    @MethodSource("sizesPortsAndGzip")
    void getAttachmentIsTheAttachmentsBytes(int size, String port, boolean gzip) throws Exception {
        assertArrayEquals(attachments.get(size), data(port, "GetAttachment", id(size) + "<m:partId>2</m:partId>",
                gzip));
    }

    @ParameterizedTest(name = "{0} bytes on {1}, gzip {2}")
    @MethodSource("sizesPortsAndGzip")
    void getMessageMimeIsTheBytesImapHolds(int size, String port, boolean gzip) throws Exception {
        assertArrayEquals(raw(size, ByteRange.ALL), data(port, "GetMessageMime", id(size), gzip));
    }

    @ParameterizedTest(name = "on {0}, gzip {1}")
    @MethodSource("portsAndGzip")
    void rangesAreTheirBytes(String port, boolean gzip) throws Exception {
        int size = 100 * 1024;
        byte[] attachment = attachments.get(size);
        long[][] ranges = {{0, 1}, {1, 4}, {7, 5}, {Base64Stream.CHUNK - 1, Base64Stream.CHUNK + 2}, {size - 2, 2}};
        for (long[] range : ranges) {
            String window = "<m:offset>" + range[0] + "</m:offset><m:length>" + range[1] + "</m:length>";
            assertArrayEquals(Arrays.copyOfRange(attachment, (int) range[0], (int) (range[0] + range[1])),
                    data(port, "GetAttachment", id(size) + "<m:partId>2</m:partId>" + window, gzip),
                    "attachment " + Arrays.toString(range));
            assertArrayEquals(raw(size, ByteRange.of(range[0], range[1])),
                    data(port, "GetMessageMime", id(size) + window, gzip), "message " + Arrays.toString(range));
        }
    }

    static Stream<Arguments> portsAndGzip() {
        return Stream.of(PORTS).flatMap(port -> Stream.of(Arguments.of(port, false), Arguments.of(port, true)));
    }

    @Test
    void contentIsWrittenStraightIntoTheReplyOnTheInlinePortsOnly() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(DirectBase64Writer.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        Level level = logger.getLevel();
        logger.setLevel(Level.TRACE);
        logger.addAppender(events);
        try {
            int size = 100 * 1024;
            for (String port : PORTS) {
                events.list.clear();
                data(port, "GetMessageMime", id(size), true);
                assertTrue(written(events, raw(size, ByteRange.ALL).length), port + ": " + events.list);
            }
            events.list.clear();
            SoapRequest request = SoapRequest.soap11("GetMessageMime", id(size));
            HttpResponse<byte[]> mtom = gateway.post(new SoapRequest("/soap/mail-mtom", request.contentType(),
                    request.soapActionHeader(), request.body()));
            assertEquals(200, mtom.statusCode());
            assertTrue(new String(mtom.body(), StandardCharsets.ISO_8859_1).contains("xop:Include"));
            assertTrue(events.list.isEmpty(), "the MTOM port sends attachments: " + events.list);
        } finally {
            logger.detachAppender(events);
            logger.setLevel(level);
        }
    }

    private static boolean written(ListAppender<ILoggingEvent> events, int bytes) {
        return events.list.stream().anyMatch(e -> e.getLevel() == Level.TRACE
                && e.getArgumentArray() != null && e.getArgumentArray()[0].equals((long) bytes));
    }

    private static String id(int size) {
        return "<m:id><m:folder>INBOX</m:folder><m:uidValidity>" + uidValidity + "</m:uidValidity><m:uid>"
                + ids.get(size) + "</m:uid></m:id>";
    }

    /** The message's bytes as IMAP holds them, read through the mapping layer as REST's /raw serves them. */
    private static byte[] raw(int size, ByteRange range) throws Exception {
        MessageRef ref = MessageRef.of(MailboxName.INBOX, uidValidity, Long.parseLong(ids.get(size)));
        try (Content content = account.openRaw(ref, range)) {
            return content.stream().readAllBytes();
        }
    }

    /** Calls {@code operation} and decodes the reply's content data. */
    private static byte[] data(String port, String operation, String children, boolean gzip) throws Exception {
        SoapRequest request = port.endsWith("12") ? SoapRequest.soap12(operation, children)
                : SoapRequest.soap11(operation, children);
        HttpRequest.Builder b = gateway.request(request.path())
                .header("Content-Type", request.contentType())
                .POST(HttpRequest.BodyPublishers.ofString(request.body()));
        request.soapActionHeader().ifPresent(a -> b.header("SOAPAction", a));
        if (gzip) {
            b.header("Accept-Encoding", "gzip");
        }
        HttpResponse<byte[]> response = gateway.sendBytes(b);
        byte[] body = response.body();
        boolean gzipped = response.headers().firstValue("Content-Encoding").orElse("").equals("gzip");
        if (gzipped) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                body = in.readAllBytes();
            }
        }
        String xml = new String(body, StandardCharsets.UTF_8);
        assertEquals(200, response.statusCode(), xml);
        return Base64.getDecoder().decode(SoapResponse.parse(xml).getDocumentElement()
                .getElementsByTagNameNS(SoapRequest.NS, "data").item(0).getTextContent());
    }
}

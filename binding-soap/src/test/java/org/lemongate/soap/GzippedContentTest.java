package org.lemongate.soap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GetMessageMime and GetAttachment replies with inline content, gzipped for a client that accepts it: the content
 * inside is what the plain reply carries, and the gzipped reply is about the size of the content itself, not of its
 * base64 (issue 4's byte target; ADR 0024).
 */
class GzippedContentTest {

    @RegisterExtension
    static final SoapTestGateway gateway = SoapTestGateway.withGreenMail();

    private static String id;
    private static int messageSize;

    @BeforeAll
    static void seed() throws Exception {
        StringBuilder message = new StringBuilder("From: carol@example.org\r\nTo: ann@example.org\r\n"
                + "Subject: Long minutes\r\nMessage-ID: <minutes@example.org>\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n");
        String[] words = {"budget", "review", "quarter", "lemon", "travel", "draft", "meeting", "server"};
        Random random = new Random(7);
        for (int line = 0; line < 1500; line++) {
            for (int w = 0; w < 8; w++) {
                message.append(words[random.nextInt(words.length)]).append(' ');
            }
            message.append("\r\n");
        }
        byte[] bytes = message.toString().getBytes(StandardCharsets.US_ASCII);
        messageSize = bytes.length;
        gateway.deliver(bytes);
        SoapResponse list = gateway.call(SoapRequest.soap11("ListMessages", "<m:folder>INBOX</m:folder>"));
        id = "<m:id><m:folder>INBOX</m:folder><m:uidValidity>" + list.text("//m:message/m:id/m:uidValidity")
                + "</m:uidValidity><m:uid>" + list.text("//m:message/m:id/m:uid") + "</m:uid></m:id>";
    }

    @Test
    void aGzippedMessageCarriesTheSameBytesAtAboutTheirOwnSize() throws Exception {
        SoapRequest request = SoapRequest.soap11("GetMessageMime", id);
        HttpResponse<byte[]> gzipped = send(request, true);
        HttpResponse<byte[]> plain = send(request, false);
        assertEquals(200, gzipped.statusCode());
        assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse(""));
        assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty(), "no gzip unless accepted");
        String xml;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        byte[] data = data(xml);
        assertTrue(data.length >= messageSize, data.length + " bytes for a message of " + messageSize);
        assertArrayEquals(data(new String(plain.body(), StandardCharsets.UTF_8)), data);
        assertTrue(new String(data, StandardCharsets.US_ASCII).startsWith("From: carol@example.org"));
        assertTrue(gzipped.body().length < data.length * 1.02,
                gzipped.body().length + " gzipped bytes for a message of " + data.length);
    }

    @Test
    void aGzippedRangeIsTheRangesBytes() throws Exception {
        SoapRequest request = SoapRequest.soap11("GetMessageMime", id + "<m:offset>1000</m:offset>"
                + "<m:length>5000</m:length>");
        HttpResponse<byte[]> gzipped = send(request, true);
        assertEquals(200, gzipped.statusCode());
        String xml;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        byte[] whole = data(new String(send(SoapRequest.soap11("GetMessageMime", id), false).body(),
                StandardCharsets.UTF_8));
        assertArrayEquals(java.util.Arrays.copyOfRange(whole, 1000, 6000), data(xml));
    }

    private static HttpResponse<byte[]> send(SoapRequest request, boolean gzip) throws Exception {
        HttpRequest.Builder b = gateway.request(request.path())
                .header("Content-Type", request.contentType())
                .header("SOAPAction", request.soapActionHeader().orElseThrow())
                .POST(HttpRequest.BodyPublishers.ofString(request.body()));
        if (gzip) {
            b.header("Accept-Encoding", "gzip");
        }
        return gateway.sendBytes(b);
    }

    private static byte[] data(String xml) throws Exception {
        return Base64.getDecoder().decode(SoapResponse.parse(xml).getDocumentElement().getElementsByTagNameNS(
                SoapRequest.NS, "data").item(0).getTextContent());
    }
}

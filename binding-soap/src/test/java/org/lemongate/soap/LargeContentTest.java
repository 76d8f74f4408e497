package org.lemongate.soap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;

import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.soap.MTOMFeature;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lemongate.soap.wire.Content;
import org.lemongate.soap.wire.MailPortType;
import org.lemongate.soap.wire.MailService;
import org.lemongate.soap.wire.MessageId;

/**
 * Content larger than an inline reply may carry: refused on the default port with the remedy, served there in
 * ranges, and served whole as a stream from the MTOM port.
 */
class LargeContentTest {

    @RegisterExtension
    static final SoapTestGateway gateway = SoapTestGateway.withGreenMail();

    private static final int SIZE = ContentTransfer.INLINE_LIMIT + 1024 * 1024;
    private static byte[] attachment;
    private static String id;

    @BeforeAll
    static void deliver() throws Exception {
        attachment = new byte[SIZE];
        new Random(42).nextBytes(attachment);
        String message = "From: Carol Chen <carol@example.org>\r\nTo: Ann Lemon <ann@example.org>\r\n"
                + "Subject: Big file\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n--b\r\nContent-Type: application/octet-stream"
                + "\r\nContent-Disposition: attachment; filename=\"big.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(attachment) + "\r\n--b--\r\n";
        gateway.deliver(message.getBytes(StandardCharsets.US_ASCII));
        SoapResponse list = gateway.call(SoapRequest.soap11("ListMessages", "<m:folder>INBOX</m:folder>"));
        id = "<m:id><m:folder>INBOX</m:folder><m:uidValidity>" + list.text("//m:message/m:id/m:uidValidity")
                + "</m:uidValidity><m:uid>" + list.text("//m:message/m:id/m:uid") + "</m:uid></m:id>";
    }

    @Test
    void theDefaultPortRefusesItWholeAndNamesTheRemedies() throws Exception {
        SoapResponse r = gateway.call(SoapRequest.soap11("GetAttachment", id + "<m:partId>2</m:partId>"));
        assertEquals(500, r.status());
        assertEquals("TOO_LARGE", r.text("//m:MailboxFaultDetail/m:code"), r.body());
        String message = r.text("//m:MailboxFaultDetail/m:message");
        assertTrue(message.contains("offset") && message.contains("/soap/mail-mtom"), message);
    }

    @Test
    void theDefaultPortServesItInRanges() throws Exception {
        int offset = SIZE - 1024 * 1024;
        SoapResponse r = gateway.call(SoapRequest.soap11("GetAttachment", id + "<m:partId>2</m:partId><m:offset>"
                + offset + "</m:offset><m:length>" + (1024 * 1024) + "</m:length>"));
        assertEquals(200, r.status());
        assertArrayEquals(Arrays.copyOfRange(attachment, offset, SIZE),
                Base64.getMimeDecoder().decode(r.text("//m:content/m:data")));
    }

    @Test
    void theMtomPortStreamsItWhole() throws Exception {
        MailPortType port = new MailService(gateway.uri("/soap/mail?wsdl").toURL())
                .getMailPortMtom(new MTOMFeature());
        ((BindingProvider) port).getRequestContext().put(BindingProvider.USERNAME_PROPERTY, SoapTestGateway.USER);
        ((BindingProvider) port).getRequestContext().put(BindingProvider.PASSWORD_PROPERTY, SoapTestGateway.PASSWORD);
        MessageId messageId = port.listMessages("INBOX", 1L, null, null).getMessage().get(0).getId();
        Content content = port.getAttachment(messageId, "2", null, null);
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        MessageDigest actual = MessageDigest.getInstance("SHA-256");
        expected.update(attachment);
        long length = 0;
        try (InputStream in = content.getData().getInputStream()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                actual.update(buffer, 0, n);
                length += n;
            }
        }
        assertEquals(SIZE, length);
        assertArrayEquals(expected.digest(), actual.digest());
    }
}

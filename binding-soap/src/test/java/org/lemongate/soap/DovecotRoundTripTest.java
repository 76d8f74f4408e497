package org.lemongate.soap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.Arrays;
import java.util.Base64;

import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.soap.MTOMFeature;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lemongate.soap.wire.MailPortType;
import org.lemongate.soap.wire.MailService;
import org.lemongate.soap.wire.MessageId;

/**
 * Against Dovecot, which stores messages byte for byte: what AppendMessage stores, GetMessageMime gives back exactly,
 * whole, in ranges, and from the MTOM port.
 */
class DovecotRoundTripTest {

    @RegisterExtension
    static final SoapTestGateway gateway = SoapTestGateway.withDovecot();

    private static byte[] original;
    private static SoapResponse appended;

    @BeforeAll
    static void append() throws Exception {
        try (InputStream in = DovecotRoundTripTest.class.getResourceAsStream("/mailbox/INBOX/2-report.eml")) {
            original = in.readAllBytes();
        }
        appended = gateway.call(SoapRequest.soap11("AppendMessage", "<m:folder>INBOX</m:folder><m:mime>"
                + Base64.getEncoder().encodeToString(original) + "</m:mime>"));
        assertEquals(200, appended.status(), appended.body());
    }

    private static String id() throws Exception {
        return "<m:id><m:folder>INBOX</m:folder><m:uidValidity>" + appended.text("//m:id/m:uidValidity")
                + "</m:uidValidity><m:uid>" + appended.text("//m:id/m:uid") + "</m:uid></m:id>";
    }

    @Test
    void theRawMessageComesBackByteForByte() throws Exception {
        SoapResponse r = gateway.call(SoapRequest.soap11("GetMessageMime", id()));
        assertEquals(200, r.status(), r.body());
        assertArrayEquals(original, Base64.getMimeDecoder().decode(r.text("//m:content/m:data")));
        assertEquals(Integer.toString(original.length), r.text("//m:content/m:totalLength"));
    }

    @Test
    void aRangeIsTheSameBytesAsTheSliceOfTheWhole() throws Exception {
        SoapResponse r = gateway.call(SoapRequest.soap11("GetMessageMime", id()
                + "<m:offset>1000</m:offset><m:length>500</m:length>"));
        assertArrayEquals(Arrays.copyOfRange(original, 1000, 1500),
                Base64.getMimeDecoder().decode(r.text("//m:content/m:data")));
    }

    @Test
    void theMtomPortGivesTheSameBytes() throws Exception {
        MailPortType port = new MailService(gateway.uri("/soap/mail?wsdl").toURL()).getMailPortMtom(new MTOMFeature());
        ((BindingProvider) port).getRequestContext().put(BindingProvider.USERNAME_PROPERTY, SoapTestGateway.USER);
        ((BindingProvider) port).getRequestContext().put(BindingProvider.PASSWORD_PROPERTY, SoapTestGateway.PASSWORD);
        MessageId id = new MessageId();
        id.setFolder("INBOX");
        id.setUidValidity(Long.parseLong(appended.text("//m:id/m:uidValidity")));
        id.setUid(Long.parseLong(appended.text("//m:id/m:uid")));
        try (InputStream in = port.getMessageMime(id, null, null).getData().getInputStream()) {
            assertArrayEquals(original, in.readAllBytes());
        }
    }

    @Test
    void dovecotsCapabilitiesAreReported() throws Exception {
        SoapResponse r = gateway.call(SoapRequest.soap11("GetServiceInfo", ""));
        assertTrue(r.texts("//m:serviceInfo/m:capability").contains("CONDSTORE"), r.body());
    }
}

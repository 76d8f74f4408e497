package org.lemongate.soap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.soap.MTOMFeature;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lemongate.soap.wire.Content;
import org.lemongate.soap.wire.FaultCode;
import org.lemongate.soap.wire.Folder;
import org.lemongate.soap.wire.MailPortType;
import org.lemongate.soap.wire.MailService;
import org.lemongate.soap.wire.MailboxFault;
import org.lemongate.soap.wire.MessagePage;

/**
 * A Java client built from the served WSDL with the classes wsdl2java generated (CXF's JAX-WS client), on all three
 * ports, as a Java developer would use it.
 */
class JavaClientInteropTest {

    @RegisterExtension
    static final SoapTestGateway gateway = SoapTestGateway.withGreenMail();
    private static MailService service;

    @BeforeAll
    static void seed() throws Exception {
        gateway.deliver("/mailbox/INBOX/2-report.eml");
        service = new MailService(gateway.uri("/soap/mail?wsdl").toURL());
    }

    private static MailPortType authenticated(MailPortType port, String password) {
        Map<String, Object> context = ((BindingProvider) port).getRequestContext();
        context.put(BindingProvider.USERNAME_PROPERTY, SoapTestGateway.USER);
        context.put(BindingProvider.PASSWORD_PROPERTY, password);
        return port;
    }

    @Test
    void theDefaultPortListsFoldersAndPagesMessages() throws Exception {
        MailPortType port = authenticated(service.getMailPort(), SoapTestGateway.PASSWORD);
        List<Folder> folders = port.listFolders();
        assertTrue(folders.stream().anyMatch(f -> f.getName().equals("INBOX")), folders.toString());
        MessagePage page = port.listMessages("INBOX", 10L, null, null);
        assertEquals(1, page.getTotal());
        assertEquals("Quarterly report", page.getMessage().get(0).getSubject());
    }

    @Test
    void faultsArriveAsTheTypedException() {
        MailPortType port = authenticated(service.getMailPort12(), SoapTestGateway.PASSWORD);
        MailboxFault fault = assertThrows(MailboxFault.class, () -> port.getFolder("Nowhere"));
        assertEquals(FaultCode.NOT_FOUND, fault.getFaultInfo().getCode());
        assertEquals(false, fault.getFaultInfo().isRetryable());

        MailPortType wrong = authenticated(service.getMailPort(), "wrong");
        assertEquals(FaultCode.AUTH_FAILED,
                assertThrows(MailboxFault.class, wrong::getServiceInfo).getFaultInfo().getCode());
    }

    @Test
    void theMtomPortStreamsAnAttachment() throws Exception {
        MailPortType port = authenticated(service.getMailPortMtom(new MTOMFeature()), SoapTestGateway.PASSWORD);
        MessagePage page = port.listMessages("INBOX", 1L, null, null);
        Content content = port.getAttachment(page.getMessage().get(0).getId(), "2", null, null);
        byte[] expected = new byte[2048];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (byte) i;
        }
        try (InputStream in = content.getData().getInputStream()) {
            assertArrayEquals(expected, in.readAllBytes());
        }
        assertEquals("report.bin", content.getFilename());
    }
}

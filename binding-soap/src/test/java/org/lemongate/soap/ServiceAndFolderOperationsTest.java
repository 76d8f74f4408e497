package org.lemongate.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GetServiceInfo and ListFolders over real HTTP, the real connector and GreenMail. */
class ServiceAndFolderOperationsTest {

    @RegisterExtension
    static final SoapTestGateway gateway = SoapTestGateway.withGreenMail();

    @Test
    void serviceInfoNamesTheUserTheServersCapabilitiesAndTheLimits() throws Exception {
        SoapResponse r = gateway.call(SoapRequest.soap11("GetServiceInfo", ""));
        assertEquals(200, r.status(), r.body());
        assertEquals(SoapTestGateway.USER, r.text("//m:GetServiceInfoResponse/m:serviceInfo/m:user"));
        assertTrue(r.texts("//m:serviceInfo/m:capability").contains("IMAP4REV1"), r.body());
        assertEquals("500", r.text("//m:serviceInfo/m:limits/m:maxPageSize"));
        assertEquals("true", r.text("//m:serviceInfo/m:submission"), "the fixture configures SMTP");
    }

    @Test
    void serviceInfoOverSoap12() throws Exception {
        SoapResponse r = gateway.call(SoapRequest.soap12("GetServiceInfo", ""));
        assertEquals(200, r.status(), r.body());
        assertTrue(r.header("Content-Type").startsWith("application/soap+xml"), r.header("Content-Type"));
        assertEquals(SoapTestGateway.USER, r.text("/s12:Envelope/s12:Body/m:GetServiceInfoResponse/m:serviceInfo/m:user"));
    }

    @Test
    void listFoldersShowsTheInboxWithItsRoleAndCountersAndFoldersCreatedOnTheServer() throws Exception {
        gateway.greenMail().getManagers().getImapHostManager().createMailbox(
                gateway.greenMail().getManagers().getUserManager().getUser(SoapTestGateway.USER), "Projects");

        SoapResponse r = gateway.call(SoapRequest.soap11("ListFolders", ""));
        assertEquals(200, r.status(), r.body());
        assertEquals("INBOX", r.text("//m:ListFoldersResponse/m:folder[m:name='INBOX']/m:role"));
        assertEquals("true", r.text("//m:folder[m:name='INBOX']/m:selectable"));
        assertTrue(Long.parseLong(r.text("//m:folder[m:name='INBOX']/m:status/m:uidValidity")) > 0, r.body());
        assertEquals("NONE", r.text("//m:folder[m:name='Projects']/m:role"), r.body());
    }

    @Test
    void anUnknownFolderIsANotFoundClientFault() throws Exception {
        SoapResponse r = gateway.call(SoapRequest.soap11("GetFolder", "<m:name>No such folder</m:name>"));
        assertEquals(500, r.status());
        assertTrue(r.text("//s11:Fault/faultcode").endsWith(":Client"), r.body());
        assertEquals("NOT_FOUND", r.text("//m:MailboxFaultDetail/m:code"));
    }

    @Test
    void repliesAreGzippedForClientsThatAcceptIt() throws Exception {
        SoapRequest request = SoapRequest.soap11("ListFolders", "");
        for (int i = 0; i < 8; i++) {
            gateway.call(SoapRequest.soap11("CreateFolder", "<m:name>Gzip/Folder " + i + "</m:name>"));
        }
        java.net.http.HttpResponse<byte[]> r = gateway.sendBytes(gateway.request(request.path())
                .header("Content-Type", request.contentType())
                .header("SOAPAction", request.soapActionHeader().orElseThrow())
                .header("Accept-Encoding", "gzip")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(request.body())));
        assertEquals(200, r.statusCode());
        assertEquals("gzip", r.headers().firstValue("Content-Encoding").orElse(""));
        String xml;
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(r.body()))) {
            xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertTrue(xml.contains("<name>Gzip/Folder 7</name>"), xml);
        assertTrue(r.body().length < xml.length() / 3, r.body().length + " gzipped bytes for " + xml.length());
    }
}

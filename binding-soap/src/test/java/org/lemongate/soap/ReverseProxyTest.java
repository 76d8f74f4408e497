package org.lemongate.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;

import javax.xml.xpath.XPath;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Document;

/**
 * The binding on its own never trusts forwarded headers: the application's trusted-proxy filter is the one place
 * that may apply them (tested in the app module), so a spoofed header cannot move the served addresses.
 */
class ReverseProxyTest {

    @RegisterExtension
    static final SoapTestGateway gateway = SoapTestGateway.withGreenMail();

    @Test
    void forwardedHeadersAreIgnored() throws Exception {
        Document wsdl = SoapResponse.parse(gateway.send(HttpRequest.newBuilder(gateway.uri("/soap/mail?wsdl"))
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "mail.example.org")
                .header("X-Forwarded-Port", "443")
                .header("X-Forwarded-Prefix", "/gateway")
                .header("Forwarded", "proto=https;host=mail.example.org")
                .GET()).body());
        XPath x = SoapResponse.xpath(wsdl);
        assertEquals(gateway.uri("/soap/mail").toString(),
                x.evaluate("//wsdl:port[@name='MailPort']/soap:address/@location", wsdl));
        assertEquals(gateway.uri("/soap/mail12").toString(),
                x.evaluate("//wsdl:port[@name='MailPort12']/soap12:address/@location", wsdl));
    }
}

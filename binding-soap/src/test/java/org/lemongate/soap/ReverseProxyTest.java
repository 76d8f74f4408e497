package org.lemongate.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;

import javax.xml.xpath.XPath;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Document;

/** Behind a reverse proxy the served WSDL names the proxy's addresses, but only when told to trust its headers. */
class ReverseProxyTest {

    private static Document wsdlThroughProxy(SoapTestGateway gateway, String port) throws Exception {
        return SoapResponse.parse(gateway.send(HttpRequest.newBuilder(gateway.uri(port + "?wsdl"))
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "mail.example.org")
                .header("X-Forwarded-Port", "443")
                .header("X-Forwarded-Prefix", "/gateway")
                .GET()).body());
    }

    @Nested
    class Trusted {
        @RegisterExtension
        static final SoapTestGateway gateway = SoapTestGateway.withGreenMail()
                .withContextParameter(SoapBinding.FORWARDED_HEADERS_PARAMETER, "true");

        @Test
        void everyPortIsNamedAtTheProxysAddress() throws Exception {
            Document wsdl = wsdlThroughProxy(gateway, "/soap/mail12");
            XPath x = SoapResponse.xpath(wsdl);
            assertEquals("https://mail.example.org/gateway/soap/mail",
                    x.evaluate("//wsdl:port[@name='MailPort']/soap:address/@location", wsdl));
            assertEquals("https://mail.example.org/gateway/soap/mail12",
                    x.evaluate("//wsdl:port[@name='MailPort12']/soap12:address/@location", wsdl));
            assertEquals("https://mail.example.org/gateway/soap/mail-mtom",
                    x.evaluate("//wsdl:port[@name='MailPortMtom']/soap:address/@location", wsdl));
        }
    }

    @Nested
    class NotTrusted {
        @RegisterExtension
        static final SoapTestGateway gateway = SoapTestGateway.withGreenMail();

        @Test
        void forwardedHeadersAreIgnored() throws Exception {
            Document wsdl = wsdlThroughProxy(gateway, "/soap/mail");
            assertEquals(gateway.uri("/soap/mail").toString(), SoapResponse.xpath(wsdl)
                    .evaluate("//wsdl:port[@name='MailPort']/soap:address/@location", wsdl));
        }
    }
}

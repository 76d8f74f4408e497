package org.lemongate.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** {@code ?wsdl} serves the hand-written contract with the addresses the request came in on. */
class ContractServingTest {

    @RegisterExtension
    static final SoapTestGateway gateway = SoapTestGateway.withGreenMail();

    @Test
    void servesTheContractWithEveryPortAtTheRequestsAddress() throws Exception {
        HttpResponse<String> response = gateway.get("/soap/mail?wsdl");
        assertEquals(200, response.statusCode());
        Document wsdl = SoapResponse.parse(response.body());
        XPath x = SoapResponse.xpath(wsdl);

        assertEquals(gateway.uri("/soap/mail").toString(),
                x.evaluate("//wsdl:port[@name='MailPort']/soap:address/@location", wsdl));
        assertEquals("MailPort", x.evaluate("(//wsdl:service/wsdl:port)[1]/@name", wsdl),
                "the SOAP 1.1 port is listed first, so tools that take the first port get the default");
        assertEquals("MailBinding12", x.evaluate("//wsdl:port[@name='MailPort12']/@binding", wsdl).split(":")[1]);
        assertEquals("MailBinding", x.evaluate("//wsdl:port[@name='MailPortMtom']/@binding", wsdl).split(":")[1]);
        assertEquals(21.0, (Double) x.evaluate("count(//wsdl:portType/wsdl:operation)", wsdl, XPathConstants.NUMBER));
        assertEquals(21.0, (Double) x.evaluate(
                "count(//wsdl:portType/wsdl:operation[wsdl:fault/@name='MailboxFault'])", wsdl, XPathConstants.NUMBER),
                "every operation declares the fault");
        assertEquals("urn:lemongate:mail:1#ListFolders", x.evaluate(
                "//wsdl:binding[@name='MailBinding']/wsdl:operation[@name='ListFolders']/soap:operation/@soapAction",
                wsdl));
    }

    @Test
    void everyPortsWsdlNamesEveryPortAtTheRequestsHost() throws Exception {
        for (String port : List.of("/soap/mail", "/soap/mail12", "/soap/mail-mtom")) {
            Document wsdl = SoapResponse.parse(gateway.get(port + "?wsdl").body());
            XPath x = SoapResponse.xpath(wsdl);
            assertEquals(gateway.uri("/soap/mail").toString(),
                    x.evaluate("//wsdl:port[@name='MailPort']/soap:address/@location", wsdl), port);
            assertEquals(gateway.uri("/soap/mail12").toString(),
                    x.evaluate("//wsdl:port[@name='MailPort12']/soap12:address/@location", wsdl), port);
            assertEquals(gateway.uri("/soap/mail-mtom").toString(),
                    x.evaluate("//wsdl:port[@name='MailPortMtom']/soap:address/@location", wsdl), port);
        }
    }

    @Test
    void theImportedSchemaIsServedAndIsTheContractsSchema() throws Exception {
        Document wsdl = SoapResponse.parse(gateway.get("/soap/mail?wsdl").body());
        String location = SoapResponse.xpath(wsdl).evaluate("//wsdl:types/xs:schema/xs:import/@schemaLocation", wsdl);
        assertTrue(location.contains("?xsd="), "the import points back at the gateway: " + location);

        HttpResponse<String> xsd = gateway.get(location.substring(location.indexOf("/soap/")));
        assertEquals(200, xsd.statusCode());
        Document schema = SoapResponse.parse(xsd.body());
        XPath x = SoapResponse.xpath(schema);
        assertEquals("urn:lemongate:mail:1", x.evaluate("/xs:schema/@targetNamespace", schema));
        assertEquals("qualified", x.evaluate("/xs:schema/@elementFormDefault", schema));
        NodeList detail = (NodeList) x.evaluate("/xs:schema/xs:element[@name='MailboxFaultDetail']//xs:element/@name",
                schema, XPathConstants.NODESET);
        List<String> fields = new java.util.ArrayList<>();
        for (int i = 0; i < detail.getLength(); i++) {
            fields.add(detail.item(i).getNodeValue());
        }
        assertEquals(List.of("code", "message", "retryable", "retryAfterSeconds", "field"), fields);
        String source = new String(ContractServingTest.class.getResourceAsStream("/wsdl/lemongate-types.xsd")
                .readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(SoapResponse.parse(source).getElementsByTagNameNS("*", "element").getLength(),
                schema.getElementsByTagNameNS("*", "element").getLength(), "the served schema is the checked-in one");
    }
}

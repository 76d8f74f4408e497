package org.lemongate.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.diff.ComparisonResult;
import org.xmlunit.diff.ComparisonType;
import org.xmlunit.diff.DefaultNodeMatcher;
import org.xmlunit.diff.Diff;
import org.xmlunit.diff.ElementSelectors;

/**
 * The checked-in example envelopes under {@code /examples} (also the contract's documentation) are what the gateway
 * really accepts and answers: each request is schema-valid and sent as is, and the reply matches the example with
 * XMLUnit, values that vary per server and run aside, and is itself valid against the contract's schema.
 */
class EnvelopeExamplesTest {

    @RegisterExtension
    static final SoapTestGateway gateway = SoapTestGateway.withGreenMail();

    /** Elements whose values depend on the server, the build or the moment. */
    private static final Set<String> VARYING = Set.of("uidValidity", "receivedDate", "nextPageToken", "gatewayVersion",
            "size", "syncState");
    private static Schema schema;

    @BeforeAll
    static void seed() throws Exception {
        gateway.deliver("/mailbox/INBOX/1-lunch.eml", "/mailbox/INBOX/2-report.eml");
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        schema = factory.newSchema(new StreamSource(
                EnvelopeExamplesTest.class.getResource("/wsdl/lemongate-types.xsd").toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"GetServiceInfo", "ListMessages", "GetFolder", "SyncFolder", "SyncFolderHierarchy",
        "WaitForChanges"})
    void theExampleExchangeHappens(String operation) throws Exception {
        String request = resource("/examples/" + operation + "-request.xml");
        Document requestDocument = SoapResponse.parse(request);
        validatePayload(requestDocument);
        boolean soap12 = SoapRequest.SOAP12.equals(requestDocument.getDocumentElement().getNamespaceURI());
        SoapRequest sent = soap12
                ? new SoapRequest("/soap/mail12", "application/soap+xml; charset=UTF-8; action=\"" + SoapRequest.NS
                + "#" + operation + "\"", Optional.empty(), request)
                : SoapRequest.raw11(operation, request);

        SoapResponse reply = gateway.call(sent);
        Document actual = SoapResponse.parse(reply.body());
        validatePayload(actual);
        Diff diff = DiffBuilder.compare(resource("/examples/" + operation + "-response.xml"))
                .withTest(reply.body())
                .ignoreWhitespace()
                .ignoreComments()
                .withNodeMatcher(new DefaultNodeMatcher(ElementSelectors.byName))
                .withNodeFilter(node -> !"capability".equals(node.getLocalName()))
                .withDifferenceEvaluator((comparison, outcome) -> {
                    if (outcome == ComparisonResult.DIFFERENT && varying(comparison.getControlDetails().getTarget())) {
                        return ComparisonResult.SIMILAR;
                    }
                    if (comparison.getType() == ComparisonType.NAMESPACE_PREFIX) {
                        return ComparisonResult.SIMILAR;
                    }
                    return outcome;
                })
                .checkForSimilar()
                .build();
        assertFalse(diff.hasDifferences(), diff + "\n" + reply.body());
    }

    private static boolean varying(Node node) {
        Node element = node != null && node.getNodeType() == Node.TEXT_NODE ? node.getParentNode() : node;
        return element != null && VARYING.contains(element.getLocalName());
    }

    /** Validates the Body's child against the contract's schema, or for a fault its MailboxFaultDetail. */
    private static void validatePayload(Document envelope) throws Exception {
        Element payload = (Element) envelope.getElementsByTagNameNS(SoapRequest.NS, "MailboxFaultDetail").item(0);
        if (payload == null) {
            Element body = (Element) envelope.getElementsByTagNameNS(envelope.getDocumentElement().getNamespaceURI(),
                    "Body").item(0);
            payload = firstElement(body);
        }
        assertEquals(SoapRequest.NS, payload.getNamespaceURI());
        schema.newValidator().validate(new DOMSource(payload));
    }

    private static Element firstElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        throw new AssertionError("empty " + parent.getLocalName());
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = EnvelopeExamplesTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

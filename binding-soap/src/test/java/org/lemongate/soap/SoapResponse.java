package org.lemongate.soap;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** A SOAP response read back: status, headers and XPath over the envelope (prefixes s11, s12 and m). */
final class SoapResponse {

    private static final Map<String, String> PREFIXES = Map.of(
            "s11", SoapRequest.SOAP11, "s12", SoapRequest.SOAP12, "m", SoapRequest.NS,
            "wsdl", "http://schemas.xmlsoap.org/wsdl/", "soap", "http://schemas.xmlsoap.org/wsdl/soap/",
            "soap12", "http://schemas.xmlsoap.org/wsdl/soap12/", "xs", "http://www.w3.org/2001/XMLSchema");

    private final HttpResponse<String> http;
    private Document document;

    SoapResponse(HttpResponse<String> http) {
        this.http = http;
    }

    /** The envelope; for a multipart (MTOM) reply, the root part's envelope. */
    private Document document() throws Exception {
        if (document == null) {
            String body = http.body();
            int start = body.indexOf("<soap:Envelope");
            int end = body.lastIndexOf("</soap:Envelope>");
            document = parse(start > 0 && end > start ? body.substring(start, end + "</soap:Envelope>".length()) : body);
        }
        return document;
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    int status() {
        return http.statusCode();
    }

    String header(String name) {
        return http.headers().firstValue(name).orElse(null);
    }

    String body() {
        return http.body();
    }

    /** The string value of an XPath over the envelope. */
    String text(String xpath) throws Exception {
        return xpath(document()).evaluate(xpath, document());
    }

    /** The string values of all nodes an XPath selects. */
    List<String> texts(String xpath) throws Exception {
        NodeList nodes = (NodeList) xpath(document()).evaluate(xpath, document(), XPathConstants.NODESET);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            values.add(nodes.item(i).getTextContent());
        }
        return values;
    }

    static XPath xpath(Document document) {
        XPath xpath = XPathFactory.newInstance().newXPath();
        xpath.setNamespaceContext(new NamespaceContext() {
            @Override
            public String getNamespaceURI(String prefix) {
                return PREFIXES.getOrDefault(prefix, XMLConstants.NULL_NS_URI);
            }

            @Override
            public String getPrefix(String uri) {
                return null;
            }

            @Override
            public java.util.Iterator<String> getPrefixes(String uri) {
                return java.util.Collections.emptyIterator();
            }
        });
        return xpath;
    }
}

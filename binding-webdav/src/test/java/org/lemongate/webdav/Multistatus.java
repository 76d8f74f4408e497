package org.lemongate.webdav;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A 207 body as the tests read it: for each href, the properties reported with status 200 (local name to text,
 * an element-only value as the local name of its first child element, e.g. {@code collection}).
 *
 * @param responses href to properties, in document order
 */
record Multistatus(Map<String, Map<String, String>> responses) {

    static final String DAV = "DAV:";

    static Multistatus parse(String xml) throws Exception {
        Document doc = parseXml(xml);
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        NodeList responses = doc.getElementsByTagNameNS(DAV, "response");
        for (int i = 0; i < responses.getLength(); i++) {
            Element response = (Element) responses.item(i);
            String href = text(response.getElementsByTagNameNS(DAV, "href").item(0));
            Map<String, String> props = new LinkedHashMap<>();
            NodeList propstats = response.getElementsByTagNameNS(DAV, "propstat");
            for (int p = 0; p < propstats.getLength(); p++) {
                Element propstat = (Element) propstats.item(p);
                if (!text(propstat.getElementsByTagNameNS(DAV, "status").item(0)).contains(" 200 ")) {
                    continue;
                }
                Element prop = (Element) propstat.getElementsByTagNameNS(DAV, "prop").item(0);
                for (Node n = prop.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element e) {
                        props.put(e.getLocalName(), value(e));
                    }
                }
            }
            out.put(href, props);
        }
        return new Multistatus(out);
    }

    /** Parses with no DTDs and no external access, like the server does. */
    static Document parseXml(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String value(Element e) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                return child.getLocalName();
            }
        }
        return e.getTextContent();
    }

    private static String text(Node n) {
        return n == null ? "" : n.getTextContent().strip();
    }

    /** The properties of one href; fails when the href is absent. */
    Map<String, String> at(String href) {
        Map<String, String> props = responses.get(href);
        if (props == null) {
            throw new AssertionError("no response for " + href + " in " + responses.keySet());
        }
        return props;
    }
}

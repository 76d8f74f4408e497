package org.lemongate.webdav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.jackrabbit.webdav.lock.LockDiscovery;
import org.apache.jackrabbit.webdav.property.DavPropertyName;
import org.apache.jackrabbit.webdav.property.DefaultDavProperty;
import org.apache.jackrabbit.webdav.property.ResourceType;
import org.apache.jackrabbit.webdav.xml.Namespace;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class PropertyXmlTest {

    private static final String MAIL = "urn:lemongate:mail";

    /** Parses what the writer made inside a {@code D:prop} that declares DAV: as the multistatus does. */
    private static Element parse(String written) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(
                ("<D:prop xmlns:D=\"DAV:\">" + written + "</D:prop>").getBytes(StandardCharsets.UTF_8)));
        return doc.getDocumentElement();
    }

    private static Element only(Element prop) {
        assertEquals(1, prop.getChildNodes().getLength(), "one element written");
        return (Element) prop.getFirstChild();
    }

    @Test
    void textValuesKeepMarkupCharactersAndCarriageReturnsAndLoseWhatXmlCannotCarry() throws Exception {
        StringBuilder out = new StringBuilder();
        String subject = "Q&A <today> \"quoted\"\r\n\ttab \u0001bell \uD83D\uDCE7 lone \uD800 end";
        PropertyXml.create().property(out, new DefaultDavProperty<>(DavPropertyName.create("subject",
                Namespace.getNamespace("m", MAIL)), subject));
        Element e = only(parse(out.toString()));
        assertEquals(MAIL, e.getNamespaceURI());
        assertEquals("subject", e.getLocalName());
        assertEquals("Q&A <today> \"quoted\"\r\n\ttab \uFFFDbell \uD83D\uDCE7 lone \uFFFD end", e.getTextContent());
    }

    @Test
    void davPropertiesUseTheMultistatusPrefixWhateverPrefixTheyCameWith() throws Exception {
        StringBuilder out = new StringBuilder();
        PropertyXml xml = PropertyXml.create();
        xml.property(out, new DefaultDavProperty<>(DavPropertyName.DISPLAYNAME, "Inbox"));
        xml.name(out, DavPropertyName.create("getetag", Namespace.getNamespace("a", "DAV:")));
        xml.property(out, new DefaultDavProperty<>(DavPropertyName.GETCONTENTTYPE, null));
        assertTrue(out.toString().startsWith("<D:displayname>Inbox</D:displayname><D:getetag/>"), out.toString());
        Element prop = parse(out.toString());
        assertEquals(3, prop.getChildNodes().getLength());
        assertEquals("", prop.getChildNodes().item(2).getTextContent());
    }

    @Test
    void resourceTypesOfFilesAndFoldersAreWrittenDirectly() throws Exception {
        StringBuilder out = new StringBuilder();
        PropertyXml xml = PropertyXml.create();
        xml.property(out, new ResourceType(ResourceType.DEFAULT_RESOURCE));
        xml.property(out, new ResourceType(ResourceType.COLLECTION));
        Element prop = parse(out.toString());
        assertEquals(0, prop.getFirstChild().getChildNodes().getLength(), "a file has an empty resourcetype");
        Element collection = (Element) prop.getLastChild().getFirstChild();
        assertEquals("DAV:", collection.getNamespaceURI());
        assertEquals("collection", collection.getLocalName());
    }

    @Test
    void otherPropertiesAndUnusualNamespacesGoThroughTheDomSerializer() throws Exception {
        StringBuilder out = new StringBuilder();
        PropertyXml xml = PropertyXml.create();
        xml.property(out, new LockDiscovery());
        xml.property(out, new DefaultDavProperty<>(DavPropertyName.create("note", Namespace.getNamespace("", "urn:x")),
                "a < b"));
        xml.property(out, new DefaultDavProperty<>(DavPropertyName.create("n", Namespace.getNamespace("D", "urn:y")),
                List.of()));
        Element prop = parse(out.toString());
        assertEquals(3, prop.getChildNodes().getLength(), out.toString());
        Element note = (Element) prop.getChildNodes().item(1);
        assertEquals("urn:x", note.getNamespaceURI());
        assertEquals("a < b", note.getTextContent());
        assertEquals("urn:y", ((Element) prop.getLastChild()).getNamespaceURI(), "a foreign D prefix is redeclared");
    }
}

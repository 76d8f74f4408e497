package org.lemongate.webdav;

import java.io.StringWriter;

import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.apache.jackrabbit.webdav.DavConstants;
import org.apache.jackrabbit.webdav.property.DavProperty;
import org.apache.jackrabbit.webdav.property.DavPropertyName;
import org.apache.jackrabbit.webdav.property.DefaultDavProperty;
import org.apache.jackrabbit.webdav.property.ResourceType;
import org.apache.jackrabbit.webdav.xml.DomUtil;
import org.apache.jackrabbit.webdav.xml.Namespace;
import org.apache.jackrabbit.webdav.xml.XmlSerializable;
import org.w3c.dom.Document;

/**
 * Writes properties and property names as XML text for a streamed multistatus. The properties every listing
 * carries (plain text values and the two resource types) are written directly; the rest (locks, dead properties
 * holding XML) go through Jackrabbit's DOM form and one reused serializer. Building a DOM document and running a
 * transformer for every response was most of a large PROPFIND's time.
 */
final class PropertyXml {

    private final Document document;
    private final Transformer transformer;

    private PropertyXml(Document document, Transformer transformer) {
        this.document = document;
        this.transformer = transformer;
    }

    /** A writer with its own scratch document and serializer; for one answer, not to be shared across threads. */
    static PropertyXml create() {
        try {
            Transformer t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            return new PropertyXml(DomUtil.createDocument(), t);
        } catch (TransformerConfigurationException | ParserConfigurationException e) {
            throw new IllegalStateException("the JDK has no XML serializer", e);
        }
    }

    /** Appends a property with its value. */
    void property(StringBuilder out, DavProperty<?> property) {
        DavPropertyName name = property.getName();
        Object value = property.getValue();
        if (!directlyWritable(name.getNamespace())) {
            viaDom(out, property);
        } else if (property instanceof ResourceType type) {
            resourceType(out, property, type.getResourceTypes());
        } else if (property instanceof DefaultDavProperty<?> && (value == null || value instanceof String)) {
            if (value == null || ((String) value).isEmpty()) {
                empty(out, name);
            } else {
                open(out, name);
                XmlText.append(out, (String) value);
                close(out, name);
            }
        } else {
            viaDom(out, property);
        }
    }

    /** Appends an empty element for a property name (a {@code propname} answer or a 404 entry). */
    void name(StringBuilder out, DavPropertyName name) {
        if (directlyWritable(name.getNamespace())) {
            empty(out, name);
        } else {
            viaDom(out, name);
        }
    }

    private void resourceType(StringBuilder out, DavProperty<?> property, int[] types) {
        if (types.length == 1 && types[0] == ResourceType.DEFAULT_RESOURCE) {
            empty(out, property.getName());
        } else if (types.length == 1 && types[0] == ResourceType.COLLECTION) {
            out.append("<D:resourcetype><D:collection/></D:resourcetype>");
        } else {
            viaDom(out, property);
        }
    }

    /**
     * Whether elements of this namespace can be written with a prefix of their own: DAV: (always as {@code D},
     * which the multistatus declares, whatever prefix the request used) or another namespace with a plain,
     * non-reserved prefix. Anything else is left to the DOM serializer, which knows every corner of namespace
     * declaration.
     */
    private static boolean directlyWritable(Namespace ns) {
        if (isDav(ns)) {
            return true;
        }
        String prefix = ns.getPrefix();
        return prefix != null && !prefix.isEmpty() && !prefix.equals("D") && !ns.getURI().isEmpty()
                && !prefix.regionMatches(true, 0, "xml", 0, 3) && Character.isLetter(prefix.charAt(0))
                && prefix.chars().allMatch(PropertyXml::nameChar);
    }

    private static boolean isDav(Namespace ns) {
        return DavConstants.NAMESPACE.getURI().equals(ns.getURI());
    }

    private static String prefix(Namespace ns) {
        return isDav(ns) ? "D" : ns.getPrefix();
    }

    private static boolean nameChar(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }

    private static void empty(StringBuilder out, DavPropertyName name) {
        start(out, name);
        out.append("/>");
    }

    private static void open(StringBuilder out, DavPropertyName name) {
        start(out, name);
        out.append('>');
    }

    private static void start(StringBuilder out, DavPropertyName name) {
        Namespace ns = name.getNamespace();
        out.append('<').append(prefix(ns)).append(':').append(name.getName());
        if (!isDav(ns)) {
            out.append(" xmlns:").append(ns.getPrefix()).append("=\"");
            XmlText.appendAttribute(out, ns.getURI());
            out.append('"');
        }
    }

    private static void close(StringBuilder out, DavPropertyName name) {
        out.append("</").append(prefix(name.getNamespace())).append(':').append(name.getName()).append('>');
    }

    private void viaDom(StringBuilder out, XmlSerializable item) {
        StringWriter text = new StringWriter();
        try {
            transformer.transform(new DOMSource(item.toXml(document)), new StreamResult(text));
        } catch (TransformerException e) {
            throw new IllegalStateException("the JDK cannot write an XML element", e);
        }
        out.append(text);
    }
}

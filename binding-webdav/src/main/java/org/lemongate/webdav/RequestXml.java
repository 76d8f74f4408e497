package org.lemongate.webdav;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.apache.jackrabbit.webdav.DavException;
import org.apache.jackrabbit.webdav.DavServletResponse;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/**
 * Parses PROPFIND, PROPPATCH and LOCK bodies: bounded in size, with no DTD (so no entity of any kind, no external
 * fetch, no billion laughs) and a bounded element depth.
 */
final class RequestXml {

    /** Largest request body parsed, in bytes: far above any real PROPFIND, PROPPATCH or LOCK body. */
    static final int MAX_BYTES = 256 * 1024;
    /** Deepest element nesting accepted. */
    static final int MAX_DEPTH = 64;

    private static final DocumentBuilderFactory FACTORY = hardenedFactory();

    private RequestXml() {
    }

    private static DocumentBuilderFactory hardenedFactory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setIgnoringComments(true);
        f.setCoalescing(true);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a hardening feature", e);
        }
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setAttribute("jdk.xml.maxElementDepth", Integer.toString(MAX_DEPTH));
        return f;
    }

    /**
     * The body as a document, or null when the body is empty (for PROPFIND that means allprop).
     *
     * @param declaredLength the Content-Length, or -1 when unknown (chunked)
     * @throws DavException 413 when the body exceeds {@link #MAX_BYTES} (before reading it when the length is
     *                      declared), 400 when it is not well-formed XML or declares a DTD
     */
    static Document parse(InputStream body, long declaredLength) throws DavException {
        if (declaredLength > MAX_BYTES) {
            throw tooLarge();
        }
        if (declaredLength == 0 || body == null) {
            return null;
        }
        try {
            PushbackInputStream in = new PushbackInputStream(new LimitedInputStream(body, MAX_BYTES), 1);
            int first = in.read();
            if (first < 0) {
                return null;
            }
            in.unread(first);
            DocumentBuilder builder = FACTORY.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(in);
        } catch (LimitedInputStream.LimitExceeded e) {
            throw tooLarge();
        } catch (SAXException e) {
            throw new DavException(DavServletResponse.SC_BAD_REQUEST,
                    "the request body is not acceptable XML (" + summary(e) + "); DTDs and entities are not allowed");
        } catch (IOException e) {
            throw new DavException(DavServletResponse.SC_BAD_REQUEST, "the request body could not be read");
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the hardened XML parser cannot be configured", e);
        }
    }

    private static String summary(SAXException e) {
        String m = e.getMessage() == null ? "malformed" : e.getMessage();
        return m.length() > 200 ? m.substring(0, 200) + "..." : m;
    }

    private static DavException tooLarge() {
        return new DavException(DavServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                "the XML request body is larger than " + MAX_BYTES + " bytes");
    }
}

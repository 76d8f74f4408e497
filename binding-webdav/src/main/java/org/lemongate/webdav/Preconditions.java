package org.lemongate.webdav;

import javax.xml.parsers.ParserConfigurationException;

import org.apache.jackrabbit.webdav.DavConstants;
import org.apache.jackrabbit.webdav.DavException;
import org.apache.jackrabbit.webdav.xml.DomUtil;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** RFC 4918 precondition elements for error bodies ({@code <D:error><D:name>...</D:name></D:error>}). */
final class Preconditions {

    private Preconditions() {
    }

    /** A failure whose body names the precondition, optionally with the hrefs it concerns. */
    static DavException failed(int status, String message, String name, String... hrefs) {
        try {
            Document doc = DomUtil.createDocument();
            Element condition = DomUtil.createElement(doc, name, DavConstants.NAMESPACE);
            for (String href : hrefs) {
                condition.appendChild(DomUtil.hrefToXml(href, doc));
            }
            return new DavException(status, message, null, condition);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK cannot create an empty XML document", e);
        }
    }
}

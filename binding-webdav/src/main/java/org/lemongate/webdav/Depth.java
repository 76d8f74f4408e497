package org.lemongate.webdav;

import javax.xml.parsers.ParserConfigurationException;

import org.apache.jackrabbit.webdav.DavConstants;
import org.apache.jackrabbit.webdav.DavException;
import org.apache.jackrabbit.webdav.DavServletResponse;
import org.apache.jackrabbit.webdav.xml.DomUtil;
import org.w3c.dom.Element;

/** The PROPFIND {@code Depth} header, read strictly (Jackrabbit silently falls back on garbage). */
final class Depth {

    private Depth() {
    }

    /**
     * The depth to answer: 0 or 1. A missing header means infinity (RFC 4918), which is refused on a collection
     * and is the same as 0 on a file.
     *
     * @throws DavException 400 for a value other than 0, 1 or infinity; 403 with {@code DAV:propfind-finite-depth}
     *                      for infinity on a collection
     */
    static int ofPropfind(String header, boolean collection) throws DavException {
        String value = header == null ? "infinity" : header.strip();
        switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "0":
                return 0;
            case "1":
                return collection ? 1 : 0;
            case "infinity":
                if (!collection) {
                    return 0;
                }
                throw new DavException(DavServletResponse.SC_FORBIDDEN,
                        "PROPFIND with Depth: infinity is not served on a folder; use Depth: 0 or 1", null,
                        precondition("propfind-finite-depth"));
            default:
                throw new DavException(DavServletResponse.SC_BAD_REQUEST,
                        "the Depth header must be 0, 1 or infinity, was '" + shortened(value) + "'");
        }
    }

    private static Element precondition(String name) {
        try {
            return DomUtil.createElement(DomUtil.createDocument(), name, DavConstants.NAMESPACE);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK cannot create an empty XML document", e);
        }
    }

    private static String shortened(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }
}

package org.lemongate.webdav;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.apache.jackrabbit.webdav.DavException;
import org.apache.jackrabbit.webdav.DavServletResponse;
import org.apache.jackrabbit.webdav.MultiStatusResponse;
import org.apache.jackrabbit.webdav.WebdavResponse;
import org.apache.jackrabbit.webdav.property.DavPropertyNameSet;
import org.apache.jackrabbit.webdav.xml.DomUtil;

/**
 * A PROPFIND answer written one {@code DAV:response} at a time as members are listed, page by page: memory holds
 * one page of summaries and one response, however large the folder. Jackrabbit's own {@code MultiStatus} builds
 * the whole document first.
 */
final class StreamedMultistatus {

    private StreamedMultistatus() {
    }

    /**
     * @param depth 0 for the resource alone, 1 with its members
     */
    static void send(WebdavResponse response, MailResource resource, DavPropertyNameSet names, int type, int depth)
            throws IOException, DavException {
        Transformer transformer = transformer();
        response.setStatus(DavServletResponse.SC_MULTI_STATUS);
        response.setContentType("application/xml; charset=UTF-8");
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<D:multistatus xmlns:D=\"DAV:\">");
        write(out, transformer, resource, names, type);
        if (depth > 0 && resource instanceof FolderResource folder) {
            try {
                folder.forEachMember(member -> write(out, transformer, member, names, type));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        out.write("</D:multistatus>\n");
        out.flush();
    }

    private static void write(Writer out, Transformer transformer, MailResource resource, DavPropertyNameSet names,
                              int type) {
        try {
            var doc = DomUtil.createDocument();
            doc.appendChild(new MultiStatusResponse(resource, names, type).toXml(doc));
            transformer.transform(new DOMSource(doc), new StreamResult(out));
        } catch (TransformerException | ParserConfigurationException e) {
            throw new IllegalStateException("the JDK cannot write an XML element", e);
        }
    }

    private static Transformer transformer() throws DavException {
        try {
            Transformer t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            return t;
        } catch (javax.xml.transform.TransformerConfigurationException e) {
            throw new DavException(DavServletResponse.SC_INTERNAL_SERVER_ERROR, e);
        }
    }
}

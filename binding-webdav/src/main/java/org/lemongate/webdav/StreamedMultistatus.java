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
 * A multistatus answer written one {@code DAV:response} at a time as members are listed, page by page: memory holds
 * one page of summaries and one response, however large the folder. Jackrabbit's own {@code MultiStatus} builds
 * the whole document first. Used by PROPFIND and by the sync-collection REPORT.
 */
final class StreamedMultistatus {

    private final Writer out;
    private final Transformer transformer;

    private StreamedMultistatus(Writer out, Transformer transformer) {
        this.out = out;
        this.transformer = transformer;
    }

    /**
     * The PROPFIND answer.
     *
     * @param depth 0 for the resource alone, 1 with its members
     */
    static void send(WebdavResponse response, MailResource resource, DavPropertyNameSet names, int type, int depth)
            throws IOException, DavException {
        StreamedMultistatus multistatus = start(response);
        multistatus.add(resource, names, type);
        if (depth > 0 && resource instanceof FolderResource folder) {
            try {
                folder.forEachMember(member -> multistatus.add(member, names, type));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        multistatus.finish(null);
    }

    /** Starts a 207 answer. */
    static StreamedMultistatus start(WebdavResponse response) throws IOException, DavException {
        Transformer transformer = transformer();
        response.setStatus(DavServletResponse.SC_MULTI_STATUS);
        response.setContentType("application/xml; charset=UTF-8");
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<D:multistatus xmlns:D=\"DAV:\">");
        return new StreamedMultistatus(out, transformer);
    }

    /** Writes the response of one resource with the named (or all) properties. */
    void add(MailResource resource, DavPropertyNameSet names, int type) {
        try {
            var doc = DomUtil.createDocument();
            doc.appendChild(new MultiStatusResponse(resource, names, type).toXml(doc));
            transformer.transform(new DOMSource(doc), new StreamResult(out));
        } catch (TransformerException | ParserConfigurationException e) {
            throw new IllegalStateException("the JDK cannot write an XML element", e);
        }
    }

    /** Writes a response that carries only a status for an href, e.g. 404 for a member that is gone. */
    void addStatus(String href, int status, String reason) throws IOException {
        out.write("<D:response><D:href>" + Html.escape(href) + "</D:href><D:status>HTTP/1.1 " + status + " "
                + reason + "</D:status></D:response>");
    }

    /** Ends the document, with a {@code DAV:sync-token} when one is given. */
    void finish(String syncToken) throws IOException {
        if (syncToken != null) {
            out.write("<D:sync-token>" + Html.escape(syncToken) + "</D:sync-token>");
        }
        out.write("</D:multistatus>\n");
        out.flush();
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

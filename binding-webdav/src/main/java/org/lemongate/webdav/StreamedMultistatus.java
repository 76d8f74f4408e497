package org.lemongate.webdav;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.jackrabbit.webdav.DavException;
import org.apache.jackrabbit.webdav.DavServletResponse;
import org.apache.jackrabbit.webdav.MultiStatusResponse;
import org.apache.jackrabbit.webdav.Status;
import org.apache.jackrabbit.webdav.WebdavResponse;
import org.apache.jackrabbit.webdav.property.DavProperty;
import org.apache.jackrabbit.webdav.property.DavPropertyName;
import org.apache.jackrabbit.webdav.property.DavPropertyNameSet;
import org.apache.jackrabbit.webdav.property.DavPropertySet;

/**
 * A multistatus answer written one {@code DAV:response} at a time as members are listed, page by page: memory holds
 * one page of summaries and one response, however large the folder. Jackrabbit's own {@code MultiStatus} builds
 * the whole document first. Responses are written as text ({@link PropertyXml}), not through a DOM each. Used by
 * PROPFIND and by the sync-collection REPORT.
 */
final class StreamedMultistatus {

    private final Writer out;
    private final PropertyXml properties = PropertyXml.create();
    private final StringBuilder response = new StringBuilder(2048);

    private StreamedMultistatus(Writer out) {
        this.out = out;
    }

    /**
     * The PROPFIND answer.
     *
     * @param depth 0 for the resource alone, 1 with its members
     */
    static void send(WebdavResponse response, MailResource resource, DavPropertyNameSet names, int type, int depth)
            throws IOException {
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
    static StreamedMultistatus start(WebdavResponse response) throws IOException {
        response.setStatus(DavServletResponse.SC_MULTI_STATUS);
        response.setContentType("application/xml; charset=UTF-8");
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8),
                16 * 1024);
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<D:multistatus xmlns:D=\"DAV:\">");
        return new StreamedMultistatus(out);
    }

    /**
     * Writes the response of one resource with the named (or all) properties. Jackrabbit's
     * {@link MultiStatusResponse} still sorts the properties into found and missing; only the writing is ours.
     *
     * @throws UncheckedIOException when the client's connection fails
     */
    void add(MailResource resource, DavPropertyNameSet names, int type) {
        MultiStatusResponse sorted = new MultiStatusResponse(resource, names, type);
        response.setLength(0);
        response.append("<D:response><D:href>");
        XmlText.append(response, sorted.getHref());
        response.append("</D:href>");
        for (Status status : sorted.getStatus()) {
            int code = status.getStatusCode();
            DavPropertySet found = sorted.getProperties(code);
            DavPropertyNameSet named = found.isEmpty() ? sorted.getPropertyNames(code) : null;
            if (found.isEmpty() && named.isEmpty()) {
                continue;
            }
            response.append("<D:propstat><D:prop>");
            if (named == null) {
                for (DavProperty<?> property : found) {
                    properties.property(response, property);
                }
            } else {
                for (DavPropertyName name : named) {
                    properties.name(response, name);
                }
            }
            response.append("</D:prop><D:status>HTTP/1.1 ").append(code).append(' ')
                    .append(DavException.getStatusPhrase(code)).append("</D:status></D:propstat>");
        }
        response.append("</D:response>");
        try {
            out.append(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
}

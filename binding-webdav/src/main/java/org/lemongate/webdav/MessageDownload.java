package org.lemongate.webdav;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.apache.jackrabbit.webdav.WebdavRequest;
import org.apache.jackrabbit.webdav.WebdavResponse;
import org.lemongate.mapping.Content;

/**
 * The conditional and partial answers to a GET or HEAD of a message, which Jackrabbit does not give: 304 for a
 * matching {@code If-None-Match}, 206 for a {@code Range} (honouring {@code If-Range}), mapped to IMAP partial
 * FETCH, and 416 for a range past the end. The plain 200 is left to {@link MessageResource#spool}.
 */
final class MessageDownload {

    private MessageDownload() {
    }

    /**
     * Answers the request when it is conditional or partial.
     *
     * @return false when the plain full content is to be sent
     */
    static boolean answer(WebdavRequest request, WebdavResponse response, MessageResource message, boolean body)
            throws IOException {
        if (notModified(request.getHeader("If-None-Match"), message.etag())) {
            response.setHeader("ETag", message.etag());
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return true;
        }
        String range = request.getHeader("Range");
        long size = range == null ? message.size() : message.servedSize();
        RangeHeader.Selection selection = RangeHeader.select(range, request.getHeader("If-Range"), message.etag(),
                size);
        if (selection instanceof RangeHeader.Unsatisfiable) {
            response.setHeader("Content-Range", "bytes */" + size);
            DavErrors.text(response, HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE,
                    "the range starts past the end of the " + size + "-byte message");
            return true;
        }
        if (selection instanceof RangeHeader.Part part) {
            response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
            response.setContentType(message.contentType());
            response.setHeader("ETag", message.etag());
            response.setDateHeader("Last-Modified", message.getModificationTime());
            response.setHeader("Accept-Ranges", "bytes");
            response.setHeader("Content-Range", "bytes " + part.first() + "-" + part.last() + "/" + size);
            response.setContentLengthLong(part.length());
            if (body) {
                try (Content content = message.open(part.range())) {
                    BodyCopy.copy(content.stream(), response.getOutputStream());
                }
            }
            return true;
        }
        return false;
    }

    private static boolean notModified(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.strip();
            // If-None-Match compares weakly (RFC 9110 section 13.1.2).
            if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }
}

package org.lemongate.webdav;

import java.io.IOException;

import jakarta.servlet.ServletConnection;
import jakarta.servlet.http.HttpServletRequest;

import org.apache.jackrabbit.webdav.DavException;
import org.apache.jackrabbit.webdav.DavResourceLocator;
import org.apache.jackrabbit.webdav.DavServletResponse;
import org.apache.jackrabbit.webdav.WebdavRequestImpl;
import org.w3c.dom.Document;

/**
 * Jackrabbit's request wrapper with four corrections: hrefs are absolute paths rather than URLs built from the
 * client-supplied Host header; XML bodies go through {@link RequestXml} instead of Jackrabbit's parser; a
 * Destination URL carrying user info is judged by its host and path alone; and the Servlet 6.0 methods the 2.22
 * wrapper lacks are delegated (they would throw {@link AbstractMethodError}).
 */
final class MailWebdavRequest extends WebdavRequestImpl {

    private final HttpServletRequest request;
    private Document document;
    private boolean parsed;

    MailWebdavRequest(HttpServletRequest request, MailLocatorFactory locators) {
        super(request, locators, false);
        this.request = request;
    }

    /**
     * The Destination's target. KDE's kio writes the user name and password into it
     * ({@code http://user:pass@host/dav/...}); Jackrabbit compares the whole authority with the Host header and
     * would refuse every such MOVE and COPY as cross-server (403).
     */
    @Override
    public DavResourceLocator getDestinationLocator() throws DavException {
        return getHrefLocator(Destination.withoutUserInfo(request.getHeader("Destination")));
    }

    /** The body parsed once, bounded and hardened; null when empty. */
    @Override
    public Document getRequestDocument() throws DavException {
        if (!parsed) {
            try {
                document = RequestXml.parse(request.getInputStream(), request.getContentLengthLong());
            } catch (IOException e) {
                throw new DavException(DavServletResponse.SC_BAD_REQUEST, "the request body could not be read");
            }
            parsed = true;
        }
        return document;
    }

    @Override
    public String getRequestId() {
        return request.getRequestId();
    }

    @Override
    public String getProtocolRequestId() {
        return request.getProtocolRequestId();
    }

    @Override
    public ServletConnection getServletConnection() {
        return request.getServletConnection();
    }
}

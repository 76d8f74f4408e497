package org.lemongate.webdav;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.jackrabbit.webdav.DavConstants;
import org.apache.jackrabbit.webdav.DavException;
import org.apache.jackrabbit.webdav.DavLocatorFactory;
import org.apache.jackrabbit.webdav.DavMethods;
import org.apache.jackrabbit.webdav.DavResource;
import org.apache.jackrabbit.webdav.DavResourceFactory;
import org.apache.jackrabbit.webdav.DavServletResponse;
import org.apache.jackrabbit.webdav.DavSessionProvider;
import org.apache.jackrabbit.webdav.MultiStatus;
import org.apache.jackrabbit.webdav.WebdavRequest;
import org.apache.jackrabbit.webdav.WebdavResponse;
import org.apache.jackrabbit.webdav.WebdavResponseImpl;
import org.apache.jackrabbit.webdav.server.AbstractWebdavServlet;
import org.lemongate.mapping.BasicAuthorization;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailGateway;

/**
 * The WebDAV servlet of the mail tree, on Jackrabbit's server framework. It replaces Jackrabbit's request cycle
 * ({@link #service}) to authenticate against IMAP, to answer OPTIONS without credentials, to refuse methods this
 * read-only version does not serve, and to route every failure through {@link DavErrors}.
 */
final class MailDavServlet extends AbstractWebdavServlet {

    private static final long serialVersionUID = 1L;

    private final transient MailLocatorFactory locators;
    private final transient MailResourceFactory resources = new MailResourceFactory();
    private final transient AccountSessions sessions;

    /** @param servletPath where the servlet is mapped inside its context, e.g. {@code /dav} */
    MailDavServlet(MailGateway gateway, String servletPath) {
        this.locators = new MailLocatorFactory(servletPath);
        this.sessions = new AccountSessions(gateway);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        int method = DavMethods.getMethodCode(request.getMethod());
        WebdavResponse davResponse = new WebdavResponseImpl(response);
        try {
            MailWebdavRequest davRequest = new MailWebdavRequest(request, locators);
            if (method == DavMethods.DAV_OPTIONS) {
                options(davResponse);
                return;
            }
            if (!isReadMethod(method)) {
                response.setHeader("Allow", MailResource.READ_METHODS);
                DavErrors.text(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, request.getMethod()
                        + " is not supported: the WebDAV mail tree is read-only in this version");
                return;
            }
            getDavSessionProvider().attachSession(davRequest);
            try {
                DavResource resource =
                        resources.createResource(davRequest.getRequestLocator(), davRequest, davResponse);
                if (!isPreconditionValid(davRequest, resource)) {
                    DavErrors.text(response, HttpServletResponse.SC_PRECONDITION_FAILED,
                            "the If header does not match the resource's state or lock tokens");
                    return;
                }
                execute(davRequest, davResponse, method, resource);
            } finally {
                getDavSessionProvider().releaseSession(davRequest);
            }
        } catch (MailException e) {
            DavErrors.send(response, e, method);
        } catch (DavException e) {
            DavErrors.send(davResponse, e);
        }
    }

    private static boolean isReadMethod(int method) {
        return method == DavMethods.DAV_GET || method == DavMethods.DAV_HEAD || method == DavMethods.DAV_PROPFIND;
    }

    /**
     * OPTIONS needs no credentials: Windows and others probe it before authenticating, and the answer is the same
     * on every path for every user.
     */
    private static void options(WebdavResponse response) {
        response.setHeader(DavConstants.HEADER_DAV, MailResource.COMPLIANCE);
        response.setHeader("MS-Author-Via", "DAV");
        response.setHeader("Allow", MailResource.READ_METHODS);
        response.setContentLength(0);
        response.setStatus(HttpServletResponse.SC_OK);
    }

    @Override
    protected void doPropFind(WebdavRequest request, WebdavResponse response, DavResource resource)
            throws IOException, DavException {
        if (!resource.exists()) {
            throw new DavException(DavServletResponse.SC_NOT_FOUND, "nothing is at " + resource.getResourcePath());
        }
        int depth = Depth.ofPropfind(request.getHeader(DavConstants.HEADER_DEPTH), resource.isCollection());
        MultiStatus multiStatus = new MultiStatus();
        multiStatus.addResourceProperties(resource, request.getPropFindProperties(), request.getPropFindType(), depth);
        response.sendMultiStatus(multiStatus);
    }

    @Override
    protected void doGet(WebdavRequest request, WebdavResponse response, DavResource resource)
            throws IOException, DavException {
        if (!notModified(request, response, resource)) {
            super.doGet(request, response, resource);
        }
    }

    @Override
    protected void doHead(WebdavRequest request, WebdavResponse response, DavResource resource)
            throws IOException {
        if (!notModified(request, response, resource)) {
            super.doHead(request, response, resource);
        }
    }

    /** Answers 304 when If-None-Match names the message's ETag (or is {@code *}); Jackrabbit checks only dates. */
    private static boolean notModified(WebdavRequest request, WebdavResponse response, DavResource resource) {
        String ifNoneMatch = request.getHeader("If-None-Match");
        if (ifNoneMatch == null || !(resource instanceof MessageResource message)) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.strip();
            if (t.equals("*") || t.equals(message.etag()) || t.equals("W/" + message.etag())) {
                response.setHeader("ETag", message.etag());
                response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
                return true;
            }
        }
        return false;
    }

    /** The If header is honoured only where it names something that exists (RFC 4918 section 10.4). */
    @Override
    protected boolean isPreconditionValid(WebdavRequest request, DavResource resource) {
        return !resource.exists() || request.matchesIfHeader(resource);
    }

    @Override
    public DavSessionProvider getDavSessionProvider() {
        return sessions;
    }

    @Override
    public void setDavSessionProvider(DavSessionProvider davSessionProvider) {
        throw new UnsupportedOperationException("the session provider is fixed when the servlet is made");
    }

    @Override
    public DavLocatorFactory getLocatorFactory() {
        return locators;
    }

    @Override
    public void setLocatorFactory(DavLocatorFactory locatorFactory) {
        throw new UnsupportedOperationException("the locator factory is fixed when the servlet is made");
    }

    @Override
    public DavResourceFactory getResourceFactory() {
        return resources;
    }

    @Override
    public void setResourceFactory(DavResourceFactory resourceFactory) {
        throw new UnsupportedOperationException("the resource factory is fixed when the servlet is made");
    }

    @Override
    public String getAuthenticateHeaderValue() {
        return BasicAuthorization.CHALLENGE;
    }
}

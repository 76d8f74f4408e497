package org.lemongate.webdav;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

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
 * version does not serve, and to route every failure through {@link DavErrors}.
 */
final class MailDavServlet extends AbstractWebdavServlet {

    private static final long serialVersionUID = 1L;

    private final transient MailLocatorFactory locators;
    private final transient MailResourceFactory resources = new MailResourceFactory();
    private final transient AccountSessions sessions;
    private final transient DavState state;

    /**
     * @param servletPath where the servlet is mapped inside its context, e.g. {@code /dav}
     * @param state       locks and file names
     */
    MailDavServlet(MailGateway gateway, String servletPath, DavState state) {
        this.locators = new MailLocatorFactory(servletPath);
        this.sessions = new AccountSessions(gateway, state);
        this.state = state;
    }

    /** Closes the state store with the servlet. */
    @Override
    public void destroy() {
        state.close();
        super.destroy();
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
            if (!isSupported(method)) {
                response.setHeader("Allow", MailResource.METHODS);
                DavErrors.text(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, request.getMethod()
                        + " is not supported by the WebDAV mail tree in this version; it supports "
                        + MailResource.METHODS);
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
        } catch (RuntimeException e) {
            DavErrors.sendUnexpected(response, e, request.getMethod());
        }
    }

    private static boolean isSupported(int method) {
        return switch (method) {
            case DavMethods.DAV_GET, DavMethods.DAV_HEAD, DavMethods.DAV_PROPFIND, DavMethods.DAV_MKCOL,
                    DavMethods.DAV_DELETE, DavMethods.DAV_MOVE, DavMethods.DAV_LOCK, DavMethods.DAV_UNLOCK,
                    DavMethods.DAV_PUT, DavMethods.DAV_COPY, DavMethods.DAV_PROPPATCH, DavMethods.DAV_REPORT -> true;
            default -> false;
        };
    }

    /**
     * OPTIONS needs no credentials: Windows and others probe it before authenticating, and the answer is the same
     * on every path for every user.
     */
    static void options(HttpServletResponse response) {
        response.setHeader(DavConstants.HEADER_DAV, MailResource.COMPLIANCE);
        response.setHeader("MS-Author-Via", "DAV");
        response.setHeader("Allow", MailResource.METHODS);
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
        StreamedMultistatus.send(response, (MailResource) resource, request.getPropFindProperties(),
                request.getPropFindType(), depth);
    }

    @Override
    protected void doGet(WebdavRequest request, WebdavResponse response, DavResource resource)
            throws IOException, DavException {
        if (!(resource instanceof MessageResource m) || !MessageDownload.answer(request, response, m, true)) {
            super.doGet(request, response, resource);
        }
    }

    @Override
    protected void doHead(WebdavRequest request, WebdavResponse response, DavResource resource)
            throws IOException {
        if (!(resource instanceof MessageResource m) || !MessageDownload.answer(request, response, m, false)) {
            super.doHead(request, response, resource);
        }
    }

    @Override
    protected void doMkCol(WebdavRequest request, WebdavResponse response, DavResource resource)
            throws DavException {
        MailResource target = (MailResource) resource;
        LockGuard.check(target, target.path(), false);
        MakeFolder.run(request, response, target);
    }

    @Override
    protected void doDelete(WebdavRequest request, WebdavResponse response, DavResource resource)
            throws DavException {
        MailResource target = (MailResource) resource;
        if (target.exists()) {
            LockGuard.check(target, target.path(), true);
        }
        DeleteResource.run(request.getHeader(DavConstants.HEADER_DEPTH), target);
        dropLocks(target, target.path());
        target.accountSession().properties().removeWithin(target.accountSession().user(), target.path());
        target.accountSession().names().removeBelow(target.accountSession().user(), target.path());
        response.setStatus(DavServletResponse.SC_NO_CONTENT);
    }

    @Override
    protected void doMove(WebdavRequest request, WebdavResponse response, DavResource resource)
            throws DavException {
        MailResource source = (MailResource) resource;
        Destination destination = Destination.of(request);
        if (source.exists()) {
            LockGuard.check(source, source.path(), true);
            LockGuard.check(source, destination.locator().path(), true);
        }
        response.setStatus(MoveResource.run(destination, source, resources));
        dropLocks(source, source.path());
        carryProperties(source, destination.locator().path(), true);
    }

    @Override
    protected void doPut(WebdavRequest request, WebdavResponse response, DavResource resource)
            throws DavException, IOException {
        response.setStatus(PutMessage.run(request, response, (MailResource) resource, resources));
    }

    @Override
    protected void doCopy(WebdavRequest request, WebdavResponse response, DavResource resource)
            throws DavException {
        MailResource source = (MailResource) resource;
        Destination destination = Destination.of(request);
        boolean deep = Depth.infinite(request.getHeader(DavConstants.HEADER_DEPTH), "COPY");
        if (source.exists()) {
            LockGuard.check(source, destination.locator().path(), true);
        }
        response.setStatus(CopyResource.run(destination, source, resources, deep));
        carryProperties(source, destination.locator().path(), false);
    }

    @Override
    protected void doPropPatch(WebdavRequest request, WebdavResponse response, DavResource resource)
            throws DavException, IOException {
        PatchProperties.run(request, response, (MailResource) resource);
    }

    @Override
    protected void doReport(WebdavRequest request, WebdavResponse response, DavResource resource)
            throws DavException, IOException {
        if (!resource.exists()) {
            throw new DavException(DavServletResponse.SC_NOT_FOUND, "nothing is at " + resource.getResourcePath());
        }
        SyncCollection.run(request, response, (MailResource) resource);
    }

    @Override
    protected void doLock(WebdavRequest request, WebdavResponse response, DavResource resource)
            throws DavException, IOException {
        LockResource.run(request, response, (MailResource) resource, resources);
    }

    @Override
    protected void doUnlock(WebdavRequest request, WebdavResponse response, DavResource resource)
            throws DavException {
        UnlockResource.run(request, (MailResource) resource);
        response.setStatus(DavServletResponse.SC_NO_CONTENT);
    }

    /** Locks go with the resources they locked (RFC 4918 sections 9.6 and 9.9.4: they do not move along). */
    private static void dropLocks(MailResource resource, DavPath path) {
        AccountSession session = resource.accountSession();
        session.locks().dropWithin(session.user(), path);
    }

    /** Dead properties follow a MOVE or COPY and go with a DELETE (the source is dropped on MOVE). */
    private static void carryProperties(MailResource resource, DavPath to, boolean move) {
        AccountSession session = resource.accountSession();
        if (move) {
            session.properties().move(session.user(), resource.path(), to);
        } else {
            session.properties().copy(session.user(), resource.path(), to);
        }
    }

    /**
     * The If header, evaluated in full ({@link IfHeader}): untagged lists against the request's resource, tagged
     * ones against the resource they name. A malformed header is 400 (through {@link MailException.InvalidInput}).
     */
    @Override
    protected boolean isPreconditionValid(WebdavRequest request, DavResource resource) {
        String header = request.getHeader("If");
        if (header == null) {
            return true;
        }
        MailResource target = (MailResource) resource;
        return IfHeader.parse(header).holds(tag -> tag == null ? Optional.of(state(target))
                : tagged(request, tag, target.accountSession()).map(MailDavServlet::state));
    }

    /** The lock tokens covering a resource (existing or not: a lock-null resource) and its entity tag. */
    private static IfHeader.State state(MailResource resource) {
        AccountSession session = resource.accountSession();
        Set<String> tokens = new HashSet<>();
        session.locks().covering(session.user(), resource.path()).forEach(l -> tokens.add(l.token()));
        Optional<String> etag = resource instanceof MessageResource m ? Optional.of(m.etag()) : Optional.empty();
        return new IfHeader.State(tokens, etag);
    }

    /** The resource an If header tag names, when it is a URL of this tree on this server. */
    private Optional<MailResource> tagged(WebdavRequest request, String tag, AccountSession session) {
        try {
            URI uri = new URI(tag);
            if (uri.isAbsolute() && !request.getServerName().equalsIgnoreCase(uri.getHost())) {
                return Optional.empty();
            }
            String path = uri.getRawPath();
            String context = request.getContextPath();
            if (path == null || !path.startsWith(context)) {
                return Optional.empty();
            }
            MailLocator locator = (MailLocator) locators.createResourceLocator(context,
                    path.substring(context.length()));
            return Optional.of(resources.resolve(locator, session));
        } catch (URISyntaxException | MailException.InvalidInput e) {
            return Optional.empty();
        }
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

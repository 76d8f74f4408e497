package org.lemongate.webdav;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Answers OPTIONS on the context root as the WebDAV tree does: Windows' Mini-Redirector asks {@code /} before it
 * maps a deeper WebDAV path, and gives up without {@code DAV: 1, 2}. Every other request passes through untouched.
 */
final class RootOptionsFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if ("OPTIONS".equals(request.getMethod()) && (path.isEmpty() || path.equals("/"))) {
            MailDavServlet.options(response);
            return;
        }
        chain.doFilter(request, response);
    }
}

package org.lemongate.app;

import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request as its client made it: the public scheme, host, port and path prefix in every URL the servlets build
 * (WSDL addresses, WebDAV hrefs and Destination checks, REST Location headers, OpenAPI servers), the client's
 * address instead of the proxy's. The forwarding headers themselves are hidden, so that no library downstream
 * applies them a second time or from an untrusted peer.
 */
final class ProxiedRequest extends HttpServletRequestWrapper {

    private final PublicUrl url;
    private final Client client;

    /**
     * @param url    the URL the client used, up to and without the context path
     * @param client who sent the request
     */
    ProxiedRequest(HttpServletRequest request, PublicUrl url, Client client) {
        super(request);
        this.url = url;
        this.client = client;
    }

    @Override
    public String getScheme() {
        return url.scheme();
    }

    /** True only when the request really travelled over TLS, to the gateway or to a trusted proxy. */
    @Override
    public boolean isSecure() {
        return client.secure();
    }

    @Override
    public String getServerName() {
        return url.host();
    }

    @Override
    public int getServerPort() {
        return url.port();
    }

    @Override
    public String getRemoteAddr() {
        return client.address();
    }

    /** The address, never a DNS name: a reverse lookup per request would be slow and could be spoofed. */
    @Override
    public String getRemoteHost() {
        return client.address();
    }

    @Override
    public String getContextPath() {
        return url.prefix() + super.getContextPath();
    }

    @Override
    public String getRequestURI() {
        return url.prefix() + super.getRequestURI();
    }

    @Override
    public StringBuffer getRequestURL() {
        return new StringBuffer(url.origin()).append(getRequestURI());
    }

    @Override
    public String getHeader(String name) {
        if (hidden(name)) {
            return null;
        }
        return "host".equalsIgnoreCase(name) ? url.authority() : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        if (hidden(name)) {
            return Collections.emptyEnumeration();
        }
        return "host".equalsIgnoreCase(name)
                ? Collections.enumeration(List.of(url.authority())) : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                .filter(n -> !hidden(n)).toList());
    }

    @Override
    public long getDateHeader(String name) {
        return hidden(name) ? -1 : super.getDateHeader(name);
    }

    @Override
    public int getIntHeader(String name) {
        return hidden(name) ? -1 : super.getIntHeader(name);
    }

    private static boolean hidden(String name) {
        return Forwarding.HEADERS.contains(name.toLowerCase(Locale.ROOT));
    }
}

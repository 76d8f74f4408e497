package org.lemongate.app;

import java.util.Optional;

import jakarta.servlet.ServletRequest;

/**
 * What the gateway knows about who sent a request, after trusted proxies' headers are applied; stored on every
 * request by {@link ProxyHeaders} for the filters after it.
 *
 * @param address the client's IP address (the proxy's view of it when a trusted proxy forwarded the request)
 * @param secure  whether the request travelled over TLS: to the gateway itself, or to a trusted proxy that said so
 * @param local   whether the client runs on the gateway's host and talks to it directly (or via a trusted proxy)
 * @param origin  the gateway's own origin as the client sees it, e.g. {@code https://mail.example.com}
 */
record Client(String address, boolean secure, boolean local, String origin) {

    private static final String ATTRIBUTE = Client.class.getName();

    void attachTo(ServletRequest request) {
        request.setAttribute(ATTRIBUTE, this);
    }

    /** The client of a request that passed {@link ProxyHeaders}. */
    static Optional<Client> of(ServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof Client c ? Optional.of(c) : Optional.empty();
    }
}

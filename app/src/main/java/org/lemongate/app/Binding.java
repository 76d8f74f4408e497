package org.lemongate.app;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.ServletContext;

import org.lemongate.mapping.MailGateway;
import org.lemongate.rest.RestBinding;
import org.lemongate.soap.SoapBinding;
import org.lemongate.webdav.WebdavBinding;

/**
 * The three bindings the gateway can serve, each under its own path prefix so that an administrator can tell them
 * apart, filter or switch them off.
 */
public enum Binding {
    /** JSON over HTTP (CXF JAX-RS). */
    REST("rest", "REST / JSON", "/api/", (ctx, gateway, config) -> RestBinding.install(ctx, gateway, config.push()),
            List.of(new Link("REST API", "/api/v1"), new Link("OpenAPI description", "/api/v1/openapi.json"))),
    /** SOAP 1.1/1.2 with MTOM (CXF JAX-WS). */
    SOAP("soap", "SOAP", "/soap/", (ctx, gateway, config) -> SoapBinding.install(ctx, gateway,
            config.push().maxHold()),
            List.of(new Link("WSDL", "/soap/mail?wsdl"))),
    /** WebDAV collections and resources (Jackrabbit WebDAV). */
    DAV("dav", "WebDAV", "/dav/", (ctx, gateway, config) -> WebdavBinding.install(ctx, gateway,
            config.davStore()),
            List.of(new Link("WebDAV root", "/dav/")));

    /** A link shown on the start page, relative to the context root. */
    record Link(String title, String path) {
    }

    /** Registers a binding's servlets and filters on the servlet context. */
    @FunctionalInterface
    interface Installer {
        void install(ServletContext ctx, MailGateway gateway, GatewayConfig config);
    }

    private final String label;
    private final String title;
    private final String prefix;
    private final Installer installer;
    private final List<Link> links;

    Binding(String label, String title, String prefix, Installer installer, List<Link> links) {
        this.label = label;
        this.title = title;
        this.prefix = prefix;
        this.installer = installer;
        this.links = links;
    }

    /** The configuration name and metrics label: {@code rest}, {@code soap} or {@code dav}. */
    public String label() {
        return label;
    }

    /** The human name. */
    public String title() {
        return title;
    }

    /** The path prefix below the context root, with both slashes, e.g. {@code /api/}. */
    public String prefix() {
        return prefix;
    }

    List<Link> links() {
        return links;
    }

    void install(ServletContext ctx, MailGateway gateway, GatewayConfig config) {
        installer.install(ctx, gateway, config);
    }

    /** The binding named {@code name} in configuration. */
    static Optional<Binding> byName(String name) {
        for (Binding b : values()) {
            if (b.label.equals(name.toLowerCase(Locale.ROOT))) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    /** The binding serving {@code path} (relative to the context root), if any. */
    static Optional<Binding> serving(String path) {
        for (Binding b : values()) {
            if (path.startsWith(b.prefix) || path.equals(b.prefix.substring(0, b.prefix.length() - 1))) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }
}

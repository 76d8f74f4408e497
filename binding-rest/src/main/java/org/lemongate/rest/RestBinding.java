package org.lemongate.rest;

import java.util.Objects;

import org.apache.cxf.jaxrs.servlet.CXFNonSpringJaxrsServlet;
import org.lemongate.mapping.MailGateway;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;

/**
 * The REST binding: the user's mail as JSON resources under {@code /api/v1}, served by Apache CXF JAX-RS.
 * The application installs it from its {@code ServletContextListener}, in the WAR and in embedded Undertow alike.
 */
public final class RestBinding {

    /** Where the binding lives inside the web application. */
    public static final String PATH = "/api";

    private static final String SERVLET_NAME = "lemongate-rest";

    private RestBinding() {
    }

    /**
     * Registers the binding's servlet at {@code /api/*}. Call it while the context initialises.
     *
     * @param context the web application's context
     * @param gateway the mapping layer, shared with the other bindings
     * @throws IllegalStateException when the binding is installed twice in one context
     */
    public static void install(ServletContext context, MailGateway gateway) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(gateway, "gateway");
        ServletRegistration.Dynamic servlet = context.addServlet(SERVLET_NAME,
                new CXFNonSpringJaxrsServlet(RestApplication.components(gateway)));
        if (servlet == null) {
            throw new IllegalStateException("the REST binding is installed already");
        }
        servlet.addMapping(PATH + "/*");
        servlet.setAsyncSupported(true);
        servlet.setLoadOnStartup(1);
        // CXF would otherwise answer GET /api/services with an HTML list of endpoints.
        servlet.setInitParameter("hide-service-list-page", "true");
    }
}

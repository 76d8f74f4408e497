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
    private static final String EVENTS_SERVLET_NAME = "lemongate-rest-events";

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
        install(context, gateway, PushSettings.defaults());
    }

    /**
     * Registers the binding's servlets: the JSON API at {@code /api/*} and the event stream at
     * {@code /api/v1/events}. Call it while the context initialises.
     *
     * @param push the push timings and the event-ticket key
     * @throws IllegalStateException when the binding is installed twice in one context
     */
    public static void install(ServletContext context, MailGateway gateway, PushSettings push) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(gateway, "gateway");
        Push shared = new Push(gateway, push);
        ServletRegistration.Dynamic events = context.addServlet(EVENTS_SERVLET_NAME, new EventStreamServlet(shared));
        if (events == null) {
            throw new IllegalStateException("the REST binding is installed already");
        }
        events.addMapping(PATH + "/v1/events");
        events.setAsyncSupported(true);
        events.setLoadOnStartup(1);
        ServletRegistration.Dynamic servlet = context.addServlet(SERVLET_NAME,
                new CXFNonSpringJaxrsServlet(RestApplication.components(gateway, shared)));
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

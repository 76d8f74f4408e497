package org.lemongate.rest;

import java.io.IOException;
import java.util.Objects;

import org.lemongate.mapping.MailGateway;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The REST binding: the user's mail as JSON resources under {@code /api/v1}, served by Apache CXF JAX-RS.
 * The application installs it from its {@code ServletContextListener}, in the WAR and in embedded Undertow alike.
 */
public final class RestBinding {

    /** Where the binding lives inside the web application. */
    public static final String PATH = "/api";

    private static final String SERVLET_NAME = "lemongate-rest";
    private static final String EVENTS_SERVLET_NAME = "lemongate-rest-events";
    private static final ObjectMapper PROBLEMS = new ObjectMapper();

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
                new RestServlet(RestApplication.components(gateway, shared)));
        if (servlet == null) {
            throw new IllegalStateException("the REST binding is installed already");
        }
        servlet.addMapping(PATH + "/*");
        servlet.setAsyncSupported(true);
        servlet.setLoadOnStartup(1);
        // CXF would otherwise answer GET /api/services with an HTML list of endpoints.
        servlet.setInitParameter("hide-service-list-page", "true");
    }

    /**
     * Answers with an RFC 9457 problem document, for the application's filters that refuse a request before the
     * binding sees it (e.g. credentials over plain HTTP, a cross-site write).
     *
     * @param code   the problem's slug, e.g. {@code insecure-credentials}, completing {@code urn:lemongate:problem:}
     * @param title  the fixed summary of that kind of problem
     * @param detail what was wrong this time, in words the user can act on
     */
    public static void refuse(HttpServletResponse response, int status, String code, String title, String detail)
            throws IOException {
        byte[] body = PROBLEMS.writeValueAsBytes(Problem.of(code, title, status, detail));
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}

package org.lemongate.soap;

import java.util.Objects;

import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;

import org.lemongate.mapping.MailGateway;

/**
 * Installs Lemongate's SOAP binding into a servlet context: CXF's servlet at {@code /soap/*} with the three ports
 * of the WSDL contract, SOAP 1.1 at {@code /soap/mail}, SOAP 1.2 at {@code /soap/mail12} and SOAP 1.1 with MTOM at
 * {@code /soap/mail-mtom}. Each serves the contract at {@code ?wsdl} with its own address.
 *
 * <p>The application calls {@link #install} from its initializer, in the WAR and in the embedded server alike.
 * With the context parameter {@value #FORWARDED_HEADERS_PARAMETER} set to {@code true}, addresses in served WSDLs
 * follow {@code X-Forwarded-Proto}, {@code X-Forwarded-Host} and {@code X-Forwarded-Prefix}; set it only behind
 * a reverse proxy that overwrites those headers.
 */
public final class SoapBinding {

    /** The URL pattern the binding occupies. */
    public static final String URL_PATTERN = "/soap/*";
    /** Servlet context parameter: trust X-Forwarded-* headers for served addresses ({@code false} by default). */
    public static final String FORWARDED_HEADERS_PARAMETER = "lemongate.soap.forwardedHeaders";

    private static final String SERVLET_NAME = "lemongate-soap";

    private SoapBinding() {
    }

    /**
     * Registers the SOAP servlet; must be called while the context is being initialised.
     *
     * @param context the servlet context of the gateway application
     * @param gateway the mapping layer every SOAP operation goes through
     */
    public static void install(ServletContext context, MailGateway gateway) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(gateway, "gateway");
        ServletRegistration.Dynamic registration = context.addServlet(SERVLET_NAME, new SoapServlet(gateway));
        if (registration == null) {
            throw new IllegalStateException("a servlet named " + SERVLET_NAME + " is installed already");
        }
        registration.addMapping(URL_PATTERN);
        // WaitForChanges suspends its request instead of holding a thread, which needs async support on the servlet
        // and on every filter in front of it (the binding's own do nothing after the chain returns).
        registration.setAsyncSupported(true);
        FilterRegistration.Dynamic endpoints = context.addFilter(SERVLET_NAME + "-endpoints", new EndpointGuard());
        endpoints.setAsyncSupported(true);
        endpoints.addMappingForServletNames(null, false, SERVLET_NAME);
        FilterRegistration.Dynamic sizeLimit = context.addFilter(SERVLET_NAME + "-size-limit", new RequestSizeLimit());
        sizeLimit.setAsyncSupported(true);
        sizeLimit.addMappingForServletNames(null, false, SERVLET_NAME);
        registration.setLoadOnStartup(1);
        registration.setInitParameter("use-x-forwarded-headers",
                Boolean.toString(Boolean.parseBoolean(context.getInitParameter(FORWARDED_HEADERS_PARAMETER))));
        // The service list would advertise every endpoint to anyone; the WSDL is the one public description.
        registration.setInitParameter("hide-service-list-page", "true");
    }
}

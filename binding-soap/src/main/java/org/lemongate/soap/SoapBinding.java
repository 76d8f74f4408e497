package org.lemongate.soap;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.lemongate.mapping.ErrorCode;
import org.lemongate.mapping.MailGateway;

/**
 * Installs Lemongate's SOAP binding into a servlet context: CXF's servlet at {@code /soap/*} with the three ports
 * of the WSDL contract, SOAP 1.1 at {@code /soap/mail}, SOAP 1.2 at {@code /soap/mail12} and SOAP 1.1 with MTOM at
 * {@code /soap/mail-mtom}. Each serves the contract at {@code ?wsdl} with its own address.
 *
 * <p>The application calls {@link #install} from its initializer, in the WAR and in the embedded server alike.
 * Addresses in served WSDLs are built from the request's URL; behind a reverse proxy the application's filter
 * presents the proxy's public URL there (CXF's own X-Forwarded-* handling stays off, so there is one mechanism).
 */
public final class SoapBinding {

    /** The URL pattern the binding occupies. */
    public static final String URL_PATTERN = "/soap/*";

    /** The longest WaitForChanges hold unless the application says otherwise: 25 s. */
    public static final Duration DEFAULT_MAX_WAIT = ChangeWaits.DEFAULT_MAX_HOLD;

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
        install(context, gateway, DEFAULT_MAX_WAIT);
    }

    /**
     * Registers the SOAP servlet with the longest hold WaitForChanges grants; must be called while the context is
     * being initialised.
     *
     * @param context the servlet context of the gateway application
     * @param gateway the mapping layer every SOAP operation goes through
     * @param maxWait the longest WaitForChanges hold, advertised in GetServiceInfo; keep it below the read timeout
     *                of every proxy in front of the gateway
     */
    public static void install(ServletContext context, MailGateway gateway, Duration maxWait) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(maxWait, "maxWait");
        ServletRegistration.Dynamic registration = context.addServlet(SERVLET_NAME, new SoapServlet(gateway,
                maxWait));
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
        // The service list would advertise every endpoint to anyone; the WSDL is the one public description.
        registration.setInitParameter("hide-service-list-page", "true");
    }

    /**
     * Answers a request with a Client fault carrying the contract's detail, for the application's filters that
     * refuse a request before CXF sees it (e.g. credentials over plain HTTP).
     *
     * @param status  the HTTP status
     * @param code    the fault code of the detail
     * @param message what was wrong, in words the user can act on
     */
    public static void refuse(HttpServletRequest request, HttpServletResponse response, int status, ErrorCode code,
                              String message) throws IOException {
        FaultReply.write(request, response, status, code, message);
    }
}

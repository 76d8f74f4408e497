package org.lemongate.rest;

import java.util.List;
import java.util.Set;

import org.apache.cxf.Bus;
import org.apache.cxf.interceptor.InterceptorProvider;
import org.apache.cxf.jaxrs.servlet.CXFNonSpringJaxrsServlet;

import jakarta.servlet.ServletConfig;

/**
 * CXF's JAX-RS servlet on a bus set up to spare every request fixed costs that profiles of the gateway showed
 * (docs/adr/0075-rest-per-request-costs.md, 0082): the class loader CXF looks for on each request, the {@code Date}
 * header CXF formats with a new {@code SimpleDateFormat} for each response, and the WS-Policy interceptors.
 */
final class RestServlet extends CXFNonSpringJaxrsServlet {

    private static final long serialVersionUID = 1L;
    private static final String WS_POLICY = "org.apache.cxf.ws.policy.";

    RestServlet(Set<Object> singletons) {
        super(singletons);
    }

    @Override
    protected void loadBus(ServletConfig config) {
        super.loadBus(config);
        Bus bus = getBus();
        // Without a class loader on the bus, CXF's ServletController asks the bus's resource resolvers for one on
        // every request, which searches the class path; this is the loader the resolvers would have found.
        bus.setExtension(RestServlet.class.getClassLoader(), ClassLoader.class);
        bus.getOutInterceptors().add(new HttpDate());
        withoutWsPolicy(bus);
    }

    /**
     * Takes CXF's WS-Policy interceptors off the bus. The SOAP binding puts CXF's policy engine on the class path,
     * and the engine adds its interceptors to every bus it finds, this one too; no REST resource has a policy, so
     * on the REST bus they only cost each request look-ups (ADR 0082).
     */
    static void withoutWsPolicy(InterceptorProvider bus) {
        for (List<?> chain : List.of(bus.getInInterceptors(), bus.getOutInterceptors(),
                bus.getInFaultInterceptors(), bus.getOutFaultInterceptors())) {
            chain.removeIf(interceptor -> interceptor.getClass().getName().startsWith(WS_POLICY));
        }
    }
}

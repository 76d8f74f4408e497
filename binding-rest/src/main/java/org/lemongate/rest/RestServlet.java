package org.lemongate.rest;

import java.util.Set;

import org.apache.cxf.Bus;
import org.apache.cxf.jaxrs.servlet.CXFNonSpringJaxrsServlet;

import jakarta.servlet.ServletConfig;

/**
 * CXF's JAX-RS servlet on a bus set up to spare every request two fixed costs that profiles of the gateway showed
 * (docs/adr/0075-rest-per-request-costs.md): the class loader CXF looks for on each request, and the {@code Date}
 * header CXF formats with a new {@code SimpleDateFormat} for each response.
 */
final class RestServlet extends CXFNonSpringJaxrsServlet {

    private static final long serialVersionUID = 1L;

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
    }
}

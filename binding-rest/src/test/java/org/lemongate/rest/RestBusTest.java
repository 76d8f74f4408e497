package org.lemongate.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;

import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.interceptor.InterceptorProvider;
import org.junit.jupiter.api.Test;

/** The REST bus carries no WS-Policy interceptors, although CXF's policy engine is on the class path (ADR 0081). */
class RestBusTest extends OfflineApi {

    @Test
    void theBindingsBusHasNoPolicyInterceptorsAndStillAnswers() throws Exception {
        Bus bus = server.restServlet().getBus();
        assertEquals(List.of(), policyInterceptors(bus));
        assertTrue(bus.getOutInterceptors().stream().anyMatch(HttpDate.class::isInstance),
                "the bus set-up ran: " + bus.getOutInterceptors());
        HttpResponse<String> answer = http.send(http.request("api/v1/openapi.json"));
        assertEquals(200, answer.statusCode(), answer.body());
    }

    @Test
    void removesWhatThePolicyEngineAddsAndNothingElse() {
        Bus bus = BusFactory.newInstance().createBus();
        try {
            // Without this the test would prove nothing: the engine really adds its interceptors to a new bus.
            assertFalse(policyInterceptors(bus).isEmpty(), "CXF's policy engine added no interceptors");
            long others = all(bus).count() - policyInterceptors(bus).size();
            RestServlet.withoutWsPolicy(bus);
            assertEquals(List.of(), policyInterceptors(bus));
            assertEquals(others, all(bus).count());
        } finally {
            bus.shutdown(true);
        }
    }

    private static List<String> policyInterceptors(InterceptorProvider bus) {
        return all(bus).map(i -> i.getClass().getName()).filter(n -> n.startsWith("org.apache.cxf.ws.policy."))
                .toList();
    }

    private static Stream<?> all(InterceptorProvider bus) {
        return Stream.of(bus.getInInterceptors(), bus.getOutInterceptors(), bus.getInFaultInterceptors(),
                bus.getOutFaultInterceptors()).flatMap(List::stream);
    }
}

package org.lemongate.app;

import java.io.IOException;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.lemongate.mapping.MailGateway;

/** The liveness and readiness probes for orchestrators and load balancers. */
final class Probes {

    private Probes() {
    }

    /** {@code /healthz}: 200 for as long as the process serves requests at all. */
    static final class Liveness extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
            answer(res, HttpServletResponse.SC_OK, "ok");
        }
    }

    /**
     * {@code /readyz}: 200 while the IMAP server accepts connections and greets in time, else 503 with the reason.
     * The check is bounded by the connect timeout, so a hung backend cannot hang the probe.
     */
    static final class Readiness extends HttpServlet {
        private static final long serialVersionUID = 1L;

        private final transient MailGateway gateway;

        Readiness(MailGateway gateway) {
            this.gateway = gateway;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
            if (gateway.backendReachable()) {
                answer(res, HttpServletResponse.SC_OK, "ready");
            } else {
                res.setHeader("Retry-After", "5");
                answer(res, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                        "not ready: the IMAP server does not accept connections or does not greet in time");
            }
        }
    }

    private static void answer(HttpServletResponse res, int status, String text) throws IOException {
        res.setStatus(status);
        res.setContentType("text/plain; charset=UTF-8");
        res.setHeader("Cache-Control", "no-store");
        res.getWriter().println(text);
    }
}

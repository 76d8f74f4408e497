package org.lemongate.app;

import java.io.IOException;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code /metrics}: every metric in the Prometheus text format. */
final class MetricsEndpoint extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient GatewayMetrics metrics;

    MetricsEndpoint(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        res.setContentType(metrics.contentType());
        res.setHeader("Cache-Control", "no-store");
        metrics.write(res.getOutputStream());
    }
}

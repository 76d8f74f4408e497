package org.lemongate.app;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

import org.lemongate.mapping.GatewayStats;

/**
 * The gateway's Prometheus metrics: HTTP requests by binding, method and status class, request latency per binding,
 * and the mapping layer's {@link GatewayStats}. Labels take values from small fixed sets only, never from user
 * input, so neither a user name nor a path can reach a label and the series count stays bounded.
 */
final class GatewayMetrics {

    /** Methods counted under their own name; any other is counted as {@code OTHER}. */
    private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH",
            "OPTIONS", "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "REPORT");

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter requests;
    private final Histogram latency;

    GatewayMetrics(Supplier<GatewayStats> stats) {
        requests = Counter.builder()
                .name("lemongate_http_requests_total")
                .help("HTTP requests served, by binding, method and status class")
                .labelNames("binding", "method", "status")
                .register(registry);
        latency = Histogram.builder()
                .name("lemongate_http_request_duration_seconds")
                .help("Time from receiving a request to completing its response, by binding")
                .unit(Unit.SECONDS)
                .labelNames("binding")
                .classicOnly()
                .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
                .register(registry);
        gauge("lemongate_imap_connections_open", "IMAP connections open now", stats,
                GatewayStats::openConnections);
        gauge("lemongate_imap_connections_leased", "IMAP connections in use by a request now", stats,
                GatewayStats::leasedConnections);
        counter("lemongate_imap_connections_opened", "IMAP connections opened since start", stats,
                GatewayStats::connectionsOpened);
        counter("lemongate_imap_connections_discarded",
                "IMAP connections closed because they broke, timed out or idled", stats,
                GatewayStats::connectionsDiscarded);
        counter("lemongate_login_failures", "Failed logins since start", stats, GatewayStats::loginFailures);
        counter("lemongate_logins_throttled", "Logins refused by the failed-login limiter since start", stats,
                GatewayStats::loginsThrottled);
        counter("lemongate_backend_errors", "Operations that failed because of the mail servers", stats,
                GatewayStats::backendErrors);
    }

    /** Counts one finished request. */
    void observe(String binding, String method, int status, double seconds) {
        String m = KNOWN_METHODS.contains(method) ? method : "OTHER";
        requests.labelValues(binding, m, statusClass(status)).inc();
        latency.labelValues(binding).observe(seconds);
    }

    /** The media type of {@link #write}. */
    String contentType() {
        return writer.getContentType();
    }

    /** Writes every metric in the Prometheus text format. */
    void write(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }

    private static String statusClass(int status) {
        return status >= 100 && status < 600 ? (status / 100) + "xx" : "other";
    }

    private void gauge(String name, String help, Supplier<GatewayStats> stats,
                       ToDoubleFunction<GatewayStats> value) {
        GaugeWithCallback.builder().name(name).help(help)
                .callback(cb -> cb.call(value.applyAsDouble(stats.get())))
                .register(registry);
    }

    private void counter(String name, String help, Supplier<GatewayStats> stats, Function<GatewayStats, Long> value) {
        CounterWithCallback.builder().name(name).help(help)
                .callback(cb -> cb.call(value.apply(stats.get())))
                .register(registry);
    }
}

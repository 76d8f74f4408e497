package org.lemongate.app;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Gives every request an id (the caller's {@code X-Request-Id} when it is a safe token, else a new one), puts it
 * in the logging MDC and the response, counts the request in the metrics and writes one access-log line. The line
 * names method, path, status and duration only: never headers, query strings or credentials.
 */
final class RequestTracking extends HttpFilter {

    /** The request and response header carrying the id. */
    static final String HEADER = "X-Request-Id";
    /** The MDC key of the id, used by the logging pattern. */
    static final String MDC_KEY = "requestId";

    private static final long serialVersionUID = 1L;
    private static final Logger ACCESS = LoggerFactory.getLogger("org.lemongate.access");
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._\\-]{8,64}");
    private static final int MAX_LOGGED_PATH = 200;

    private final transient GatewayMetrics metrics;

    RequestTracking(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        String id = requestId(req.getHeader(HEADER));
        long start = System.nanoTime();
        res.setHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        boolean failed = true;
        try {
            chain.doFilter(req, res);
            failed = false;
        } finally {
            if (!failed && req.isAsyncStarted()) {
                req.getAsyncContext().addListener(new Completion(id, req, start));
            } else {
                // An exception escaping the chain becomes a 500 after this filter has returned.
                finish(id, req, failed ? 500 : res.getStatus(), start);
            }
            MDC.remove(MDC_KEY);
        }
    }

    private void finish(String id, HttpServletRequest req, int status, long start) {
        double seconds = (System.nanoTime() - start) / 1e9;
        String path = req.getRequestURI().substring(req.getContextPath().length());
        String binding = Binding.serving(path).map(Binding::label).orElse("gateway");
        metrics.observe(binding, req.getMethod(), status, seconds);
        String shown = path.length() > MAX_LOGGED_PATH ? path.substring(0, MAX_LOGGED_PATH) + "..." : path;
        MDC.put(MDC_KEY, id);
        ACCESS.info("{} {} {} {}ms {}", req.getMethod(), shown, status, Math.round(seconds * 1000),
                req.getRemoteAddr());
    }

    private static String requestId(String offered) {
        return offered != null && SAFE_ID.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }

    /** Records a request that went asynchronous (long polls, event streams) when it really ends. */
    private final class Completion implements AsyncListener {
        private final String id;
        private final HttpServletRequest req;
        private final long start;

        Completion(String id, HttpServletRequest req, long start) {
            this.id = id;
            this.req = req;
            this.start = start;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            HttpServletResponse res = (HttpServletResponse) event.getSuppliedResponse();
            finish(id, req, res.getStatus(), start);
            MDC.remove(MDC_KEY);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            // onComplete follows and records the request.
        }

        @Override
        public void onError(AsyncEvent event) {
            // onComplete follows and records the request.
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }
}

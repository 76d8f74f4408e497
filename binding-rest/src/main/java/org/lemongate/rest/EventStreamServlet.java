package org.lemongate.rest;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.lemongate.mapping.BasicAuthorization;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailException;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /api/v1/events?mailbox=[&since=][&heartbeat=][&limit=][&access_token=]}: a Server-Sent Events stream of
 * a mailbox's changes. A plain async servlet rather than a JAX-RS resource, so that no interceptor can compress or
 * buffer it: {@code Cache-Control: no-cache, no-transform}, {@code X-Accel-Buffering: no}, never gzip, and for HTTP/1.0
 * clients a body delimited by closing the connection. Everything that can be refused is refused with a problem
 * document before the stream starts.
 */
final class EventStreamServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Push push;

    EventStreamServlet(Push push) {
        this.push = push;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ChangeWatch watch = null;
        try {
            ChangeQuery query = ChangeQuery.forStream(parameters(req),
                    Optional.ofNullable(req.getHeader("Last-Event-ID")), push.settings());
            Credentials credentials = credentials(req);
            push.gateway().login(credentials);
            ApiLinks links = ApiLinks.of(req);
            AsyncContext context = req.startAsync();
            context.setTimeout(push.settings().maxStream().plusMinutes(1).toMillis());
            EventStream stream = new EventStream(context, resp.getOutputStream(), query.mailbox(), links);
            watch = new ChangeWatch(push, query.mailbox(), query.limit(), stream);
            try {
                // Without a starting point the stream starts from "now", read on the watcher's connection.
                watch.subscribe(credentials, query.start());
            } catch (MailException e) {
                context.complete();
                throw e;
            }
            context.addListener(new Ending(stream));
            resp.setStatus(200);
            resp.setContentType("text/event-stream");
            resp.setCharacterEncoding("UTF-8");
            resp.setHeader("Cache-Control", "no-cache, no-transform");
            resp.setHeader("X-Accel-Buffering", "no");
            if ("HTTP/1.0".equals(req.getProtocol())) {
                resp.setHeader("Connection", "close");
            }
            stream.open(watch, push, query.heartbeat());
            watch.request();
        } catch (MailException e) {
            if (watch != null) {
                watch.close();
            }
            problem(resp, e);
        }
    }

    /** Basic credentials, or an event ticket in {@code access_token} for browsers. */
    private Credentials credentials(HttpServletRequest req) {
        String ticket = req.getParameter("access_token");
        if (ticket != null) {
            return push.tickets().open(ticket, req.getRemoteAddr(), Instant.now());
        }
        return BasicAuthorization.parse(req.getHeader("Authorization"), req.getRemoteAddr())
                .orElseThrow(() -> new MailException.AuthFailed("an event stream needs your mail account's user "
                        + "name and password (HTTP Basic) or an event ticket (access_token)"));
    }

    private static Map<String, List<String>> parameters(HttpServletRequest req) {
        return req.getParameterMap().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> Arrays.asList(e.getValue())));
    }

    private static void problem(HttpServletResponse resp, MailException e) throws IOException {
        Problem problem = MailProblems.problem(e);
        resp.setStatus(problem.status());
        resp.setContentType(Problem.MEDIA_TYPE);
        resp.setHeader("Cache-Control", "no-store");
        e.retryAfter().ifPresent(d -> resp.setHeader("Retry-After",
                Long.toString(Math.max(1, (d.toMillis() + 999) / 1000))));
        if (problem.status() == 401) {
            resp.setHeader("WWW-Authenticate", BasicAuthorization.CHALLENGE);
        }
        Json.mapper().writeValue(resp.getOutputStream(), problem);
    }

    @Override
    public void destroy() {
        push.close();
    }

    /** Cleans up when the container ends the stream (client gone, timeout, shutdown). */
    private record Ending(EventStream stream) implements AsyncListener {
        @Override
        public void onComplete(AsyncEvent event) {
            stream.close();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            stream.close();
        }

        @Override
        public void onError(AsyncEvent event) {
            stream.close();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // not restarted
        }
    }
}

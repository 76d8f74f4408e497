package org.lemongate.rest;

import java.util.List;
import java.util.Map;

import org.lemongate.mapping.ServiceInfo;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/v1}: what this gateway and the user's mail server can do, the limits, and where to start. */
@Path("v1")
@Produces(MediaType.APPLICATION_JSON)
public final class ServiceResource {

    /**
     * The service document.
     *
     * @param user           the authenticated user
     * @param gatewayVersion Lemongate's version
     * @param capabilities   the IMAP server's capabilities, sorted
     * @param submission     whether sending mail is configured
     * @param limits         the bounds the gateway enforces
     * @param push           the bounds of long polls and event streams
     * @param links          where the collections are
     */
    record ServiceJson(String user, String gatewayVersion, List<String> capabilities, boolean submission,
                       LimitsJson limits, PushJson push, Map<String, String> links) {
    }

    /**
     * What a push client may ask for: {@code wait} up to {@code maxHoldSeconds} on change queries, {@code heartbeat}
     * between the bounds on event streams.
     *
     * @param maxHoldSeconds          longest hold of a change query
     * @param defaultHeartbeatSeconds heartbeat of a stream that asks for none
     * @param minHeartbeatSeconds     shortest heartbeat a stream may ask for
     * @param maxHeartbeatSeconds     longest heartbeat a stream may ask for
     * @param retryMillis             the reconnection delay streams advise
     * @param ticketSeconds           how long an event ticket opens streams
     */
    record PushJson(long maxHoldSeconds, long defaultHeartbeatSeconds, long minHeartbeatSeconds,
                    long maxHeartbeatSeconds, long retryMillis, long ticketSeconds) {

        static PushJson of(PushSettings s) {
            return new PushJson(s.maxHold().toSeconds(), s.defaultHeartbeat().toSeconds(),
                    s.minHeartbeat().toSeconds(), s.maxHeartbeat().toSeconds(), s.retry().toMillis(),
                    s.ticketLifetime().toSeconds());
        }
    }

    /**
     * The limits a client must respect.
     *
     * @param maxPageSize    the largest {@code limit} of a message list
     * @param maxUploadBytes the largest message accepted for append or submission
     * @param maxBatchItems  the most messages one request may name
     * @param maxJsonBytes   the largest JSON request body
     * @param maxJsonDepth   the deepest nesting a JSON request body may have
     */
    record LimitsJson(int maxPageSize, long maxUploadBytes, int maxBatchItems, long maxJsonBytes, int maxJsonDepth) {
    }

    private final PushSettings push;

    @Context
    private HttpServletRequest request;

    ServiceResource(PushSettings push) {
        this.push = push;
    }

    /** The service document. */
    @GET
    public ServiceJson service() {
        var account = Authentication.account(request);
        ServiceInfo info = account.serviceInfo();
        ApiLinks links = ApiLinks.of(request);
        return new ServiceJson(account.user(), info.gatewayVersion(),
                info.serverCapabilities().stream().sorted().toList(), info.submission(),
                new LimitsJson(info.limits().maxPageSize(), info.limits().maxUploadBytes(),
                        info.limits().maxBatchItems(), Json.MAX_BODY_BYTES, Json.MAX_DEPTH), PushJson.of(push),
                Map.of("self", links.service(), "mailboxes", links.mailboxes(),
                        "messages", links.messagesRoot() + "{?mailbox}", "changes", links.service()
                                + "/changes{?mailbox,since,wait,limit}", "events", links.events()
                                + "{?mailbox,since,heartbeat,limit}"));
    }
}

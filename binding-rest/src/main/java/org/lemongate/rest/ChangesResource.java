package org.lemongate.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.lemongate.mapping.Changes;
import org.lemongate.mapping.HierarchyChanges;
import org.lemongate.mapping.HierarchyToken;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.SyncToken;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Change tracking over plain HTTP: {@code GET /api/v1/changes?mailbox=&since=[&wait=][&limit=]} (a long poll when
 * {@code wait} is given: the request is suspended, not a thread, until a change or the hold time),
 * {@code GET /api/v1/mailbox-changes?since=} for the mailbox list, and {@code POST /api/v1/events/tickets} for
 * browsers' event streams. See docs/push.md.
 */
@Path("v1")
@Produces(MediaType.APPLICATION_JSON)
public final class ChangesResource {

    /**
     * Changes of the mailbox list.
     *
     * @param created mailboxes new to the client
     * @param deleted full names of mailboxes that are gone
     * @param next    the hierarchy token to ask with next
     */
    record HierarchyJson(List<MailboxJson> created, List<String> deleted, String next) {
    }

    /**
     * A ticket that opens event streams without an Authorization header.
     *
     * @param ticket           pass it as {@code access_token} on {@code /api/v1/events}
     * @param expiresInSeconds how long it opens streams
     * @param links            {@code events}: the stream URL without parameters
     */
    record TicketJson(String ticket, long expiresInSeconds, Map<String, String> links) {
    }

    private static final CacheControl NO_STORE = CacheControl.valueOf("no-store");

    private final Push push;

    @Context
    private HttpServletRequest request;
    @Context
    private UriInfo uri;

    ChangesResource(Push push) {
        this.push = push;
    }

    /**
     * The changes since {@code since}; without it, the current token and no changes. With {@code wait}, an empty answer
     * is held back until something changes or the time is up.
     */
    @GET
    @Path("changes")
    public void changes(@Suspended AsyncResponse response) {
        ChangeQuery query = ChangeQuery.forQuery(uri.getQueryParameters(), push.settings());
        MailAccount account = Authentication.account(request);
        ApiLinks links = ApiLinks.of(request);
        if (query.start().isEmpty()) {
            SyncToken now = account.syncToken(query.mailbox());
            response.resume(answer(query, new Changes(List.of(), List.of(), List.of(), false, now), links));
            return;
        }
        Changes first = account.changesSince(query.mailbox(), query.start().get(), query.limit());
        if (!first.isEmpty() || query.hold().isZero()) {
            response.resume(answer(query, first, links));
            return;
        }
        ChangeWatch watch = new ChangeWatch(push, query.mailbox(), query.limit(),
                new ChangeWatch.Sink() {
                    @Override
                    public boolean deliver(Changes changes) {
                        response.resume(answer(query, changes, links));
                        return false;
                    }

                    @Override
                    public void fail(MailException e) {
                        response.resume(e);
                    }
                });
        response.setTimeout(query.hold().toMillis(), TimeUnit.MILLISECONDS);
        response.setTimeoutHandler(r -> {
            watch.close();
            r.resume(answer(query, new Changes(List.of(), List.of(), List.of(), false, watch.token()), links));
        });
        response.register((jakarta.ws.rs.container.CompletionCallback) failure -> watch.close());
        watch.start(Authentication.credentials(request), first.next());
    }

    private static Response answer(ChangeQuery query, Changes changes, ApiLinks links) {
        return Response.ok(ChangesJson.of(query.mailbox(), changes, links)).cacheControl(NO_STORE).build();
    }

    /** Mailboxes created and deleted since {@code since}; without it, the current token and no changes. */
    @GET
    @Path("mailbox-changes")
    public Response mailboxChanges() {
        QueryParams q = QueryParams.of(uri.getQueryParameters(), Set.of("since"), "a mailbox-list change query");
        MailAccount account = Authentication.account(request);
        ApiLinks links = ApiLinks.of(request);
        HierarchyJson body = q.get("since").map(HierarchyToken::parse).map(account::mailboxChangesSince)
                .map(c -> json(c, links))
                .orElseGet(() -> new HierarchyJson(List.of(), List.of(), account.hierarchyToken().token()));
        return Response.ok(body).cacheControl(NO_STORE).build();
    }

    private static HierarchyJson json(HierarchyChanges c, ApiLinks links) {
        return new HierarchyJson(c.created().stream().map(m -> MailboxJson.of(m, links)).toList(),
                c.deleted().stream().map(n -> n.path()).toList(), c.next().token());
    }

    /** A short-lived ticket for opening event streams from a browser (EventSource sends no Authorization header). */
    @POST
    @Path("events/tickets")
    public Response ticket() {
        EventTickets tickets = push.tickets();
        String ticket = tickets.issue(Authentication.credentials(request), Instant.now());
        return Response.ok(new TicketJson(ticket, tickets.lifetime().toSeconds(),
                Map.of("events", ApiLinks.of(request).events()))).cacheControl(NO_STORE).build();
    }
}

package org.lemongate.rest;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.MessageSummary;
import org.lemongate.mapping.Page;
import org.lemongate.mapping.SpooledMessage;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** {@code /api/v1/messages}: messages listed per mailbox ({@code ?mailbox=}), and appended to one. */
@Path("v1/messages")
@Produces(MediaType.APPLICATION_JSON)
public final class MessagesResource {

    private static final String RFC822 = "message/rfc822";

    /**
     * One page of a message list.
     *
     * @param mailbox the mailbox's full name
     * @param total   how many messages match the filters now
     * @param items   the page's messages, in the listing's order
     * @param next    the cursor of the following page; null on the last page
     * @param links   {@code self} and, unless this is the last page, {@code next}
     */
    record MessagePage(String mailbox, int total, List<SummaryJson> items, String next,
                       Map<String, String> links) {
    }

    @Context
    private HttpServletRequest request;
    @Context
    private UriInfo uri;

    /** A page of message summaries; the next page is at the {@code next} link (also sent as a Link header). */
    @GET
    public Response list() {
        MailAccount account = Authentication.account(request);
        ListQuery query = ListQuery.parse(uri.getQueryParameters(), account.limits().maxPageSize());
        Page<MessageSummary> page = account.listMessages(query.mailbox(), query.criteria(), query.page());
        ApiLinks links = ApiLinks.of(request);
        Map<String, String> hrefs = new LinkedHashMap<>();
        hrefs.put("self", links.messagesRoot() + "?" + request.getQueryString());
        String next = page.next().map(c -> c.token()).orElse(null);
        if (next != null) {
            hrefs.put("next", nextPage(links, next));
        }
        Response.ResponseBuilder response = Response.ok(new MessagePage(query.mailbox().path(), page.total(),
                page.items().stream().map(s -> SummaryJson.of(s, links)).toList(), next, hrefs));
        if (next != null) {
            response.header("Link", "<" + hrefs.get("next") + ">; rel=\"next\"");
        }
        return response.build();
    }

    /**
     * Stores a raw RFC 822 message, streamed, in {@code ?mailbox=}; {@code flags} and {@code keywords} (comma
     * separated) and {@code receivedAt} (ISO 8601) are optional. 201 with the new message's URL. With an
     * {@code Idempotency-Key}, a retry answers with the message the first attempt stored.
     */
    @POST
    @Consumes(RFC822)
    public Response append(InputStream body) {
        AppendQuery append = AppendQuery.parse(uri.getQueryParameters());
        MailAccount account = Authentication.account(request);
        Optional<Idempotency> idempotency = Idempotency.of(request.getHeader(Idempotency.HEADER), account.user(),
                append.mailbox().path());
        MessageRef ref;
        if (idempotency.isPresent()) {
            synchronized (idempotency.get().lock()) {
                Optional<MessageRef> earlier = idempotency.get().stored(account, append.mailbox());
                ref = earlier.isPresent() ? earlier.get()
                        : store(account, append, idempotency.get().stamp(body), request.getContentLengthLong());
            }
        } else {
            ref = store(account, append, body, request.getContentLengthLong());
        }
        ApiLinks links = ApiLinks.of(request);
        return Response.created(links.absolute(links.message(ref)))
                .entity(new MessageResource.Placed(MessageIds.format(ref), ref.mailbox().path(),
                        Map.of("self", links.message(ref), "mailbox", links.mailbox(ref.mailbox()))))
                .build();
    }

    private static MessageRef store(MailAccount account, AppendQuery append, InputStream body, long length) {
        try (SpooledMessage message = Upload.spool(body, length, account)) {
            return account.append(append.mailbox(), message, append.flags(), append.receivedAt());
        }
    }

    /** The same query with the cursor moved on: filters and limit carry over, the cursor keeps the order. */
    private String nextPage(ApiLinks links, String cursor) {
        StringBuilder href = new StringBuilder(links.messagesRoot()).append('?');
        uri.getQueryParameters().forEach((name, values) -> {
            if (!name.equals("cursor")) {
                values.forEach(v -> href.append(MailboxPath.encodeComponent(name)).append('=')
                        .append(MailboxPath.encodeComponent(v)).append('&'));
            }
        });
        return href.append("cursor=").append(cursor).toString();
    }
}

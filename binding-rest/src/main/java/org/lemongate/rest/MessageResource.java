package org.lemongate.rest;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.lemongate.mapping.DeleteMode;
import org.lemongate.mapping.FlagChange;
import org.lemongate.mapping.Flags;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.MessageStructure;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

/**
 * {@code /api/v1/messages/{id}}: one message as JSON (summary and MIME structure) or, by content negotiation, as
 * {@code message/rfc822}; its raw bytes at {@code /raw} and each decoded part at {@code /parts/{partId}}; flag
 * changes (PATCH), deletion, and {@code /move} and {@code /copy}.
 */
@Path("v1/messages/{id}")
public final class MessageResource {

    private static final String RFC822 = "message/rfc822";
    private static final int MAX_PART_ID = 64;

    @Context
    private HttpServletRequest servletRequest;
    @Context
    private Request request;
    @Context
    private HttpHeaders headers;

    /** Summary and structure; 304 when the client's copy (If-None-Match) still has the same flags. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("id") String id) {
        MessageStructure message = account().structure(MessageIds.parse(id));
        EntityTag tag = ETags.message(message.summary());
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(tag);
        Response.ResponseBuilder response = unchanged != null ? unchanged
                : Response.ok(MessageJson.of(message, ApiLinks.of(servletRequest)));
        return response.tag(tag).header(HttpHeaders.VARY, HttpHeaders.ACCEPT).build();
    }

    /** The raw message when the client asks for {@code message/rfc822} rather than JSON. */
    @GET
    @Produces(RFC822 + ";qs=0.5")
    public Response getRaw(@PathParam("id") String id) {
        return Response.fromResponse(raw(id)).header(HttpHeaders.VARY, HttpHeaders.ACCEPT).build();
    }

    /** The raw RFC 822 bytes, byte-for-byte as the IMAP server holds them; honours Range and If-Range. */
    @GET
    @Path("raw")
    @Produces(RFC822)
    public Response raw(@PathParam("id") String id) {
        MessageRef ref = MessageIds.parse(id);
        return new Download(account(), request, headers).raw(ref);
    }

    /** One part's body, transfer-decoded, with its own media type and file name. */
    @GET
    @Path("parts/{partId}")
    @Produces(MediaType.WILDCARD)
    public Response part(@PathParam("id") String id, @PathParam("partId") String partId) {
        MessageRef ref = MessageIds.parse(id);
        if (partId.length() > MAX_PART_ID || !partId.matches("[1-9][0-9]*(\\.[1-9][0-9]*)*")) {
            throw new MailException.InvalidInput("partId", "part id '" + (partId.length() > MAX_PART_ID
                    ? partId.substring(0, MAX_PART_ID) + "..." : partId)
                    + "' is not an IMAP part number such as 1 or 1.2; take it from the message's structure");
        }
        return new Download(account(), request, headers).part(ref, partId);
    }

    /**
     * Where a message is after a move or copy.
     *
     * @param id      its new id, or null when the server did not report it (no UIDPLUS)
     * @param mailbox the mailbox it is in
     * @param links   {@code self} when the id is known, and {@code mailbox}
     */
    record Placed(String id, String mailbox, Map<String, String> links) {
    }

    /**
     * A message's flags after a change.
     *
     * @param id       the message
     * @param flags    system flags now set
     * @param keywords keywords now set
     */
    record FlagState(String id, List<String> flags, List<String> keywords) {
    }

    /**
     * The body of a move or copy.
     *
     * @param mailbox the target mailbox's full name
     */
    record Target(String mailbox) {
    }

    /** Sets and clears flags and keywords; with If-Match, only if the message's flags are still as the client saw. */
    @PATCH
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Produces(MediaType.APPLICATION_JSON)
    public Response changeFlags(@PathParam("id") String id, FlagPatch patch) {
        MessageRef ref = MessageIds.parse(id);
        if (patch == null) {
            throw new MailException.InvalidInput("flags", "send {\"flags\": {\"seen\": true}, "
                    + "\"keywords\": {\"$Todo\": false}}");
        }
        FlagChange change = patch.toChange();
        requireMatch(ref);
        Flags now = Outcomes.single(account().changeFlags(List.of(ref), change)).orElseThrow();
        return Response.ok(new FlagState(id, SummaryJson.flagNames(now), SummaryJson.keywordNames(now)))
                .tag(ETags.message(ref, now)).build();
    }

    /** Deletes the message: to Trash (200, saying where it went) or, with {@code ?permanent=true}, for good (204). */
    @DELETE
    @Produces(MediaType.APPLICATION_JSON)
    public Response delete(@PathParam("id") String id, @QueryParam("permanent") String permanent) {
        MessageRef ref = MessageIds.parse(id);
        boolean forGood = Switch.parse("permanent", permanent, false);
        requireMatch(ref);
        Optional<MessageRef> trashed = Outcomes.single(account().delete(List.of(ref),
                forGood ? DeleteMode.PERMANENT : DeleteMode.TO_TRASH));
        return trashed.map(t -> Response.ok(placed(t))).orElse(Response.noContent()).build();
    }

    /** Moves the message to another mailbox: 201 with the new URL when the server reports the new UID. */
    @POST
    @Path("move")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response move(@PathParam("id") String id, Target target) {
        MessageRef ref = MessageIds.parse(id);
        MailboxName to = target(target);
        requireMatch(ref);
        return placedResponse(Outcomes.single(account().move(List.of(ref), to)), to);
    }

    /** Copies the message to another mailbox: 201 with the copy's URL when the server reports its UID. */
    @POST
    @Path("copy")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response copy(@PathParam("id") String id, Target target) {
        MessageRef ref = MessageIds.parse(id);
        MailboxName to = target(target);
        return placedResponse(Outcomes.single(account().copy(List.of(ref), to)), to);
    }

    private static MailboxName target(Target target) {
        if (target == null || target.mailbox() == null) {
            throw new MailException.InvalidInput("mailbox", "send {\"mailbox\": \"<target mailbox>\"}");
        }
        return MailboxName.of(target.mailbox());
    }

    private Response placedResponse(Optional<MessageRef> placed, MailboxName mailbox) {
        ApiLinks links = ApiLinks.of(servletRequest);
        return placed.map(n -> Response.created(links.absolute(links.message(n))).entity(placed(n)))
                .orElse(Response.ok(new Placed(null, mailbox.path(), Map.of("mailbox", links.mailbox(mailbox)))))
                .build();
    }

    private Placed placed(MessageRef ref) {
        ApiLinks links = ApiLinks.of(servletRequest);
        return new Placed(MessageIds.format(ref), ref.mailbox().path(),
                Map.of("self", links.message(ref), "mailbox", links.mailbox(ref.mailbox())));
    }

    /** With If-Match, the write goes ahead only while the message's flags are as the client last saw them. */
    private void requireMatch(MessageRef ref) {
        Preconditions.requireMatch(headers, request, () -> ETags.message(account().summary(ref)), "the message");
    }

    private MailAccount account() {
        return Authentication.account(servletRequest);
    }
}

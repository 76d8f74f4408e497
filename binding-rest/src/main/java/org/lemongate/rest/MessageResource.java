package org.lemongate.rest;

import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.MessageStructure;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
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
 * {@code message/rfc822}; its raw bytes at {@code /raw} and each decoded part at {@code /parts/{partId}}.
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

    private MailAccount account() {
        return Authentication.account(servletRequest);
    }
}

package org.lemongate.rest;

import java.util.List;

import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxInfo;
import org.lemongate.mapping.MailboxName;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
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
 * {@code /api/v1/mailboxes}: the user's mailbox tree (list, create), and each mailbox at
 * {@code /api/v1/mailboxes/<path>} (read, rename or move, subscribe, delete) where the path is the full name, each
 * level percent-encoded UTF-8.
 */
@Path("v1/mailboxes")
@Produces(MediaType.APPLICATION_JSON)
public final class MailboxesResource {

    /**
     * The body that creates a mailbox.
     *
     * @param name the full name, levels separated by {@code /}; missing parents are created too
     */
    record NewMailbox(String name) {
    }

    /**
     * The body that changes a mailbox; give at least one member.
     *
     * @param name       a new full name: renames or moves the mailbox with everything below it
     * @param subscribed whether the user is subscribed to it
     */
    record MailboxChange(String name, Boolean subscribed) {
    }

    /**
     * The tree.
     *
     * @param mailboxes every mailbox, parents before children
     */
    record MailboxTree(List<MailboxJson> mailboxes) {
    }

    @Context
    private HttpServletRequest request;
    @Context
    private Request preconditions;
    @Context
    private HttpHeaders headers;

    /** Every mailbox of the user, parents before children. */
    @GET
    public MailboxTree list() {
        ApiLinks links = ApiLinks.of(request);
        return new MailboxTree(Authentication.account(request).listMailboxes().stream()
                .map(m -> MailboxJson.of(m, links)).toList());
    }

    /** One mailbox with its counters and an ETag for If-Match on writes; 304 when If-None-Match still holds. */
    @GET
    @Path("{path: .+}")
    public Response get(@PathParam("path") @Encoded String path) {
        MailboxJson mailbox = current(MailboxPath.decode(path));
        EntityTag tag = ETags.mailbox(mailbox);
        Response.ResponseBuilder unchanged = preconditions.evaluatePreconditions(tag);
        return (unchanged != null ? unchanged : Response.ok(mailbox)).tag(tag).build();
    }

    /**
     * Renames or moves a mailbox and/or changes its subscription; answers with the mailbox as it is now, and with
     * its new URL in {@code Content-Location} after a rename.
     */
    @PATCH
    @Path("{path: .+}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public Response change(@PathParam("path") @Encoded String path, MailboxChange body) {
        if (body == null || body.name() == null && body.subscribed() == null) {
            throw new MailException.InvalidInput("name",
                    "send {\"name\": \"<new full name>\"} to rename, {\"subscribed\": true|false}, or both");
        }
        MailboxName name = MailboxPath.decode(path);
        MailAccount account = Authentication.account(request);
        MailboxName target = body.name() == null ? name : MailboxName.of(body.name());
        requireMatch(name);
        if (body.name() != null) {
            account.renameMailbox(name, target);
        }
        if (body.subscribed() != null) {
            account.setSubscribed(target, body.subscribed());
        }
        ApiLinks links = ApiLinks.of(request);
        MailboxJson now = MailboxJson.of(account.mailbox(target), links);
        return Response.ok(now).tag(ETags.mailbox(now)).contentLocation(links.absolute(links.mailbox(target))).build();
    }

    /** Deletes a mailbox with the mailboxes below it and all their messages. */
    @DELETE
    @Path("{path: .+}")
    public Response delete(@PathParam("path") @Encoded String path) {
        MailboxName name = MailboxPath.decode(path);
        requireMatch(name);
        Authentication.account(request).deleteMailbox(name);
        return Response.noContent().build();
    }

    private MailboxJson current(MailboxName name) {
        return MailboxJson.of(Authentication.account(request).mailbox(name), ApiLinks.of(request));
    }

    /** With If-Match, a rename, subscription change or delete acts only on the mailbox as the client saw it. */
    private void requireMatch(MailboxName name) {
        Preconditions.requireMatch(headers, preconditions, () -> ETags.mailbox(current(name)), "the mailbox");
    }

    /** Creates a mailbox; 201 with its URL. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewMailbox body) {
        if (body == null || body.name() == null) {
            throw new MailException.InvalidInput("name", (body == null ? "the request body is empty; " : "")
                    + "send {\"name\": \"<full mailbox name>\"}");
        }
        MailboxName name = MailboxName.of(body.name());
        MailboxInfo created = Authentication.account(request).createMailbox(name);
        ApiLinks links = ApiLinks.of(request);
        return Response.created(links.absolute(links.mailbox(created.name())))
                .entity(MailboxJson.of(created, links)).build();
    }
}

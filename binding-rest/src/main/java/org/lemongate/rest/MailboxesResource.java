package org.lemongate.rest;

import java.net.URI;
import java.util.List;

import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxInfo;
import org.lemongate.mapping.MailboxName;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /api/v1/mailboxes}: the user's mailbox tree, and each mailbox at {@code /api/v1/mailboxes/<path>} where
 * the path is the full name, each level percent-encoded UTF-8.
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
     * The tree.
     *
     * @param mailboxes every mailbox, parents before children
     */
    record MailboxTree(List<MailboxJson> mailboxes) {
    }

    @Context
    private HttpServletRequest request;

    /** Every mailbox of the user, parents before children. */
    @GET
    public MailboxTree list() {
        ApiLinks links = ApiLinks.of(request);
        return new MailboxTree(Authentication.account(request).listMailboxes().stream()
                .map(m -> MailboxJson.of(m, links)).toList());
    }

    /** One mailbox with its counters. */
    @GET
    @Path("{path: .+}")
    public MailboxJson get(@PathParam("path") @Encoded String path) {
        MailboxName name = MailboxPath.decode(path);
        return MailboxJson.of(Authentication.account(request).mailbox(name), ApiLinks.of(request));
    }

    /** Creates a mailbox; 201 with its URL. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewMailbox body) {
        if (body == null || body.name() == null) {
            throw new MailException.InvalidInput("name", "send {\"name\": \"<full mailbox name>\"}");
        }
        MailboxName name = MailboxName.of(body.name());
        MailboxInfo created = Authentication.account(request).createMailbox(name);
        ApiLinks links = ApiLinks.of(request);
        return Response.created(URI.create(links.mailbox(created.name())))
                .entity(MailboxJson.of(created, links)).build();
    }
}

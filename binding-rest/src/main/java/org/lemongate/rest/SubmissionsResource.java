package org.lemongate.rest;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.SpooledMessage;
import org.lemongate.mapping.SubmitResult;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /api/v1/submissions}: sends a raw RFC 822 message over SMTP to the recipients of its To, Cc and Bcc
 * headers and keeps a copy in Sent.
 */
@Path("v1/submissions")
@Produces(MediaType.APPLICATION_JSON)
public final class SubmissionsResource {

    /**
     * What was sent.
     *
     * @param messageId  the Message-ID of the sent message
     * @param recipients the envelope recipients the SMTP server accepted
     * @param sentCopy   the id of the copy in Sent, or null when it could not be stored (the message went out)
     * @param links      {@code sentCopy}, when there is one
     */
    record Submission(String messageId, List<String> recipients, String sentCopy, Map<String, String> links) {
    }

    @Context
    private HttpServletRequest request;

    /** Sends; 201 with the Sent copy's URL, or 200 when the copy could not be kept. */
    @POST
    @Consumes("message/rfc822")
    public Response submit(InputStream body) {
        MailAccount account = Authentication.account(request);
        SubmitResult sent;
        try (SpooledMessage message = Upload.spool(body, request.getContentLengthLong(),
                account.serviceInfo().limits())) {
            sent = account.submit(message);
        }
        ApiLinks links = ApiLinks.of(request);
        String copy = sent.sentCopy().map(MessageIds::format).orElse(null);
        Submission result = new Submission(sent.messageId(), sent.recipients(), copy,
                sent.sentCopy().map(r -> Map.of("sentCopy", links.message(r))).orElse(Map.of()));
        return sent.sentCopy()
                .map(r -> Response.created(links.absolute(links.message(r))).entity(result))
                .orElse(Response.ok(result)).build();
    }
}

package org.lemongate.rest;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.apache.cxf.jaxrs.ext.multipart.MultipartBody;

import org.lemongate.mapping.Address;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxInfo;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MailboxRole;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.MessageSummary;
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
 * {@code POST /api/v1/submissions}: sends a message over SMTP to the recipients of its To, Cc and Bcc headers and
 * keeps a copy in Sent. The message is raw RFC 822 ({@code message/rfc822}), or composed by the gateway from JSON
 * ({@code application/json}) or from a form with attachments ({@code multipart/form-data}). With an {@code Idempotency-Key}, a retry finds the copy the first attempt kept and
 * sends nothing.
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

    /** Sends a raw message; 201 with the Sent copy's URL, or 200 when the copy could not be kept. */
    @POST
    @Consumes("message/rfc822")
    public Response submit(InputStream body) {
        MailAccount account = Authentication.account(request);
        return answer(idempotency(account).map(key -> once(account, key,
                () -> send(account, key.stamp(body)))).orElseGet(() -> send(account, body)));
    }

    /** Composes a message from JSON (text and HTML bodies, no attachments) and sends it. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submit(Compose message) {
        if (message == null) {
            throw new MailException.InvalidInput("message", "the request body must be the message as a JSON object");
        }
        return submitComposed(new ComposedUpload(message.composition(), List.of()));
    }

    /** Composes a message from a form: the JSON in part {@code message}, files in parts {@code attachment}. */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response submit(MultipartBody form) throws IOException {
        return submitComposed(ComposedUpload.of(form));
    }

    private Response submitComposed(ComposedUpload upload) {
        MailAccount account = Authentication.account(request);
        Optional<Idempotency> idempotency = idempotency(account);
        // A retry finds the earlier attempt's copy before composing anything.
        return answer(idempotency.map(key -> once(account, key, () -> {
            try (SpooledMessage message = account.compose(upload.composition(), upload.attachments())) {
                return account.submit(key.stamp(message));
            }
        })).orElseGet(() -> {
            try (SpooledMessage message = account.compose(upload.composition(), upload.attachments())) {
                return account.submit(message);
            }
        }));
    }

    private Optional<Idempotency> idempotency(MailAccount account) {
        return Idempotency.of(request.getHeader(Idempotency.HEADER), account.user(), Idempotency.SUBMISSION);
    }

    /** The earlier attempt's result when its copy is in Sent, else what {@code send} gives; serialised per key. */
    private static SubmitResult once(MailAccount account, Idempotency key, Supplier<SubmitResult> send) {
        synchronized (key.lock()) {
            return sentMailbox(account).flatMap(sentBox -> key.stored(account, sentBox))
                    .map(copy -> earlier(account, copy)).orElseGet(send);
        }
    }

    private Response answer(SubmitResult sent) {
        ApiLinks links = ApiLinks.of(request);
        String copy = sent.sentCopy().map(MessageIds::format).orElse(null);
        Submission result = new Submission(sent.messageId(), sent.recipients(), copy,
                sent.sentCopy().map(r -> Map.of("sentCopy", links.message(r))).orElse(Map.of()));
        return sent.sentCopy()
                .map(r -> Response.created(links.absolute(links.message(r))).entity(result))
                .orElse(Response.ok(result)).build();
    }

    private SubmitResult send(MailAccount account, InputStream body) {
        try (SpooledMessage message = Upload.spool(body, request.getContentLengthLong(), account)) {
            return account.submit(message);
        }
    }

    private static Optional<MailboxName> sentMailbox(MailAccount account) {
        return account.listMailboxes().stream().filter(m -> m.role() == MailboxRole.SENT && m.selectable())
                .map(MailboxInfo::name).findFirst();
    }

    /**
     * The result of the attempt that sent the message, rebuilt from its copy in Sent. The recipients are those of its
     * To and Cc headers: the SMTP answer of that attempt (and any Bcc) is not kept.
     */
    private static SubmitResult earlier(MailAccount account, MessageRef copy) {
        MessageSummary summary = account.summary(copy);
        List<String> recipients = Stream.concat(summary.to().stream(), summary.cc().stream())
                .map(Address::email).toList();
        return new SubmitResult(summary.messageId(), recipients, Optional.of(copy));
    }
}

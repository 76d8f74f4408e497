package org.lemongate.rest;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.lemongate.mapping.ByteRange;
import org.lemongate.mapping.Content;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MessageRef;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * Serves message and part bytes: conditional requests (If-None-Match, If-Range), one byte range mapped to IMAP
 * partial FETCH (206, 416), strong ETags with immutable caching, and a body streamed from IMAP as the client reads
 * it.
 */
final class Download {

    private static final Logger LOG = LoggerFactory.getLogger(Download.class);

    private final MailAccount account;
    private final Request request;
    private final HttpHeaders headers;

    Download(MailAccount account, Request request, HttpHeaders headers) {
        this.account = account;
        this.request = request;
        this.headers = headers;
    }

    /** The raw RFC 822 message, whole or one range of it. */
    Response raw(MessageRef ref) {
        EntityTag tag = ETags.raw(ref);
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(tag);
        if (unchanged != null) {
            account.summary(ref); // 304 only for a message that still exists under this id
            return unchanged.tag(tag).cacheControl(ETags.immutable()).build();
        }
        return serve(tag, range -> account.openRaw(ref, range), "the message", (response, content) -> { })
                .build();
    }

    /** One part, transfer-decoded, offered as a download; a range counts decoded bytes. */
    Response part(MessageRef ref, String partId) {
        EntityTag tag = ETags.part(ref, partId);
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(tag);
        if (unchanged != null) {
            account.structure(ref).root().find(partId).orElseThrow(() ->
                    new MailException.NotFound("message has no part '" + partId + "'"));
            return unchanged.tag(tag).cacheControl(ETags.immutable()).build();
        }
        return serve(tag, range -> account.openPart(ref, partId, range), "part " + partId, (response, content) ->
                response.header("Content-Disposition", disposition(content.filename()))
                        // A part may be HTML written by anyone: never let a browser run it on the API's origin.
                        .header("Content-Security-Policy", "sandbox"))
                .build();
    }

    /**
     * The whole content (200), or the range the client asked for (206) when If-Range, if sent, still holds. A range
     * goes to the mapping layer as it is, which opens it and measures the content in one go; the size is looked up
     * beforehand only for a suffix range, and afterwards for the 416 answer's {@code Content-Range: bytes *}{@code
     * /size}.
     */
    private Response.ResponseBuilder serve(EntityTag tag, Function<ByteRange, Content> open, String what,
                                           BiConsumer<Response.ResponseBuilder, Content> decorate) {
        Optional<RangeHeader> asked = ifRangeHolds(tag)
                ? RangeHeader.parse(headers.getHeaderString("Range")) : Optional.empty();
        if (asked.isEmpty()) {
            Content content = open.apply(ByteRange.ALL);
            Response.ResponseBuilder response = common(Response.ok(), content, tag);
            decorate.accept(response, content);
            return response;
        }
        Content content;
        try {
            content = open.apply(asked.get().bytes(() -> size(open)));
            if (content.length().orElse(1) == 0) {
                content.close();
                throw new MailException.InvalidInput("range", "the content is empty");
            }
        } catch (IOException e) {
            throw new MailException.BackendUnavailable("closing the content failed: " + e.getMessage(),
                    Duration.ofSeconds(5), false, e);
        } catch (MailException.InvalidInput e) {
            if (!e.field().equals("range")) {
                throw e;
            }
            long size = size(open);
            return Problem.of("range-not-satisfiable", "Range not satisfiable", 416,
                            what + " has " + size + " bytes; the range starts past its end")
                    .about("Range").toResponse().header("Content-Range", "bytes */" + size);
        }
        Response.ResponseBuilder response = common(Response.status(206), content, tag)
                .header("Content-Range", contentRange(content));
        decorate.accept(response, content);
        return response;
    }

    /** The content's exact size, as the mapping layer measures it when asked for its first byte. */
    private static long size(Function<ByteRange, Content> open) {
        try (Content probe = open.apply(ByteRange.of(0, 1))) {
            return probe.totalLength().orElseThrow();
        } catch (MailException.InvalidInput empty) {
            return 0;
        } catch (IOException e) {
            throw new MailException.BackendUnavailable("reading the content's size failed: " + e.getMessage(),
                    Duration.ofSeconds(5), false, e);
        }
    }

    private boolean ifRangeHolds(EntityTag tag) {
        String ifRange = headers.getHeaderString("If-Range");
        // A date cannot be checked (there is no Last-Modified), so only our own strong tag keeps the range.
        return ifRange == null || ifRange.strip().equals("\"" + tag.getValue() + "\"");
    }

    private static Response.ResponseBuilder common(Response.ResponseBuilder response, Content content, EntityTag tag) {
        response.type(content.contentType())
                .tag(tag)
                .cacheControl(ETags.immutable())
                .header("Accept-Ranges", "bytes")
                .header("X-Content-Type-Options", "nosniff")
                .entity(stream(content));
        content.length().ifPresent(n -> response.header(HttpHeaders.CONTENT_LENGTH, n));
        return response;
    }

    private static String contentRange(Content content) {
        long first = content.offset();
        long last = first + content.length().orElseThrow() - 1;
        return "bytes " + first + "-" + last + "/" + content.totalLength().orElseThrow();
    }

    /**
     * Streams the content; a client that drops its connection midway (a phone losing signal, a download cut to be
     * resumed with a range) ends the body quietly with one debug line, since throwing would have the JAX-RS runtime
     * log an error with a stack trace for what is the client's business.
     */
    private static StreamingOutput stream(Content content) {
        return out -> {
            try (Content c = content) {
                // The mapping layer's body stream writes its fetched chunks whole (ADR 0043).
                c.stream().transferTo(new ClientOutput(out));
            } catch (ClientOutput.Gone e) {
                LOG.debug("the client's connection failed: {}", e.getMessage());
                abandon(out);
            }
        };
    }

    /**
     * Closes the response stream of a client that is gone, so that the runtime, finding it closed, has nothing left
     * to flush into the broken connection (which it would report as a failure of its own).
     */
    private static void abandon(OutputStream out) {
        try {
            out.close();
        } catch (IOException e) {
            LOG.debug("closing the abandoned response failed as well: {}", e.toString());
        }
    }

    /** RFC 6266 {@code attachment} with an ASCII fallback name and the exact name in RFC 8187 form. */
    static String disposition(Optional<String> filename) {
        if (filename.isEmpty() || filename.get().isBlank()) {
            return "attachment";
        }
        String name = filename.get();
        StringBuilder ascii = new StringBuilder();
        name.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '_'));
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                + MailboxPath.encodeComponent(name);
    }
}

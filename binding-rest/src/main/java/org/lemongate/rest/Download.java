package org.lemongate.rest;

import java.util.Optional;

import org.lemongate.mapping.ByteRange;
import org.lemongate.mapping.Content;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MessageRef;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * Serves message bytes: conditional requests (If-None-Match, If-Range), one byte range mapped to IMAP partial FETCH
 * (206, 416), strong ETags with immutable caching, and a body streamed from IMAP as the client reads it.
 */
final class Download {

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
        Optional<ByteRange> range = Optional.empty();
        String rangeHeader = headers.getHeaderString("Range");
        if (rangeHeader != null && ifRangeHolds(tag)) {
            long total = size(ref);
            try {
                range = RangeHeader.parse(rangeHeader, total);
            } catch (RangeHeader.Unsatisfiable e) {
                return Problem.of("range-not-satisfiable", "Range not satisfiable", 416,
                                "the message has " + e.total() + " bytes; the range starts past its end")
                        .about("Range").toResponse()
                        .header("Content-Range", "bytes */" + e.total()).build();
            }
        }
        Content content = account.openRaw(ref, range.orElse(ByteRange.ALL));
        Response.ResponseBuilder response = range.isPresent()
                ? Response.status(206).header("Content-Range", contentRange(content))
                : Response.ok();
        return common(response, content, tag).build();
    }

    /**
     * The exact size of the raw message, as the stream measures it (some servers' RFC822.SIZE is off, and a range
     * must be computed against the bytes actually served).
     */
    private long size(MessageRef ref) {
        try (Content probe = account.openRaw(ref, ByteRange.of(0, 1))) {
            return probe.totalLength().orElseThrow();
        } catch (java.io.IOException e) {
            throw new MailException.BackendUnavailable("reading the message size failed: " + e.getMessage(),
                    java.time.Duration.ofSeconds(5), false, e);
        }
    }

    /** One part, transfer-decoded, offered as a download. Ranges are not served: the decoded size is unknown. */
    Response part(MessageRef ref, String partId) {
        EntityTag tag = ETags.part(ref, partId);
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(tag);
        if (unchanged != null) {
            account.structure(ref).root().find(partId).orElseThrow(() ->
                    new MailException.NotFound("message has no part '" + partId + "'"));
            return unchanged.tag(tag).cacheControl(ETags.immutable()).build();
        }
        Content content = account.openPart(ref, partId, ByteRange.ALL);
        return common(Response.ok(), content, tag)
                .header("Content-Disposition", disposition(content.filename()))
                // A part may be HTML written by anyone: never let a browser run it on the API's origin.
                .header("Content-Security-Policy", "sandbox")
                .build();
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

    private static StreamingOutput stream(Content content) {
        return out -> {
            try (Content c = content) {
                c.stream().transferTo(out);
            }
        };
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

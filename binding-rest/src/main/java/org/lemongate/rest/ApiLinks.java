package org.lemongate.rest;

import java.net.URI;

import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The URLs of this API's resources, as absolute paths (no scheme or host), so that they stay right behind a
 * reverse proxy that rewrites the host. See docs/adr/0030-rest-url-scheme.md.
 */
final class ApiLinks {

    private final String base;
    private final URI requestUrl;

    private ApiLinks(String base, URI requestUrl) {
        this.base = base;
        this.requestUrl = requestUrl;
    }

    /** Links for the application the request reached. */
    static ApiLinks of(HttpServletRequest request) {
        return new ApiLinks(request.getContextPath() + RestBinding.PATH + "/v1",
                URI.create(request.getRequestURL().toString()));
    }

    /**
     * A link as an absolute URI, for {@code Location} and {@code Content-Location}: JAX-RS would resolve a path
     * against the application's base URI and repeat the context path.
     */
    URI absolute(String link) {
        return requestUrl.resolve(link);
    }

    String service() {
        return base;
    }

    String mailboxes() {
        return base + "/mailboxes";
    }

    String mailbox(MailboxName name) {
        return mailboxes() + "/" + MailboxPath.encode(name);
    }

    /** The first page of a mailbox's message list. */
    String messages(MailboxName name) {
        return messagesRoot() + "?mailbox=" + MailboxPath.encodeComponent(name.path());
    }

    /** The change query of a mailbox from a sync token. */
    String changes(MailboxName name, String since) {
        return base + "/changes?mailbox=" + MailboxPath.encodeComponent(name.path()) + "&since=" + since;
    }

    /** The event stream of a mailbox. */
    String events() {
        return base + "/events";
    }

    String messagesRoot() {
        return base + "/messages";
    }

    String message(MessageRef ref) {
        return messagesRoot() + "/" + MessageIds.format(ref);
    }

    String raw(MessageRef ref) {
        return message(ref) + "/raw";
    }

    String part(MessageRef ref, String partId) {
        return message(ref) + "/parts/" + partId;
    }
}

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
    private final String requestUrl;

    private ApiLinks(String base, String requestUrl) {
        this.base = base;
        this.requestUrl = requestUrl;
    }

    /** Links for the application the request reached. */
    static ApiLinks of(HttpServletRequest request) {
        return new ApiLinks(request.getContextPath() + RestBinding.PATH + "/v1", request.getRequestURL().toString());
    }

    /**
     * A link as an absolute URI, for {@code Location} and {@code Content-Location}: JAX-RS would resolve a path
     * against the application's base URI and repeat the context path.
     */
    URI absolute(String link) {
        // Parsed only here: most answers carry no absolute link, and parsing the URL would cost every request.
        return URI.create(requestUrl).resolve(link);
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
        return message(MessageIds.format(ref));
    }

    /** The message with this API id ({@link MessageIds#format}). */
    String message(String id) {
        return base + "/messages/" + id;
    }

    String raw(MessageRef ref) {
        return raw(message(ref));
    }

    /** The raw bytes of the message at {@code messageLink}. */
    static String raw(String messageLink) {
        return messageLink + "/raw";
    }

    String part(MessageRef ref, String partId) {
        return message(ref) + "/parts/" + partId;
    }
}

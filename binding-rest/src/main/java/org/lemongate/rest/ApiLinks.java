package org.lemongate.rest;

import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The URLs of this API's resources, as absolute paths (no scheme or host), so that they stay right behind a
 * reverse proxy that rewrites the host. See docs/adr/0030-rest-url-scheme.md.
 */
final class ApiLinks {

    private final String base;

    private ApiLinks(String base) {
        this.base = base;
    }

    /** Links for the application the request reached. */
    static ApiLinks of(HttpServletRequest request) {
        return new ApiLinks(request.getContextPath() + RestBinding.PATH + "/v1");
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

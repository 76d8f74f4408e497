package org.lemongate.rest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import org.lemongate.mapping.BasicAuthorization;
import org.lemongate.mapping.ByteRange;
import org.lemongate.mapping.Content;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailGateway;
import org.lemongate.mapping.MessageRef;

/** Scratch: the least a raw download must do, as a bare Undertow handler (null gateway: 100 KB from memory). */
public final class FloorHandler implements HttpHandler {
    private final MailGateway gateway;
    private final byte[] memory;
    private final java.util.Map<String, MailAccount> cache;

    public FloorHandler(MailGateway gateway, byte[] memory) {
        this.gateway = gateway;
        this.memory = memory;
        this.cache = null;
    }

    public FloorHandler(MailGateway gateway, boolean cached) {
        this.gateway = gateway;
        this.memory = null;
        this.cache = new java.util.concurrent.ConcurrentHashMap<>();
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        Credentials c = BasicAuthorization.parse(ex.getRequestHeaders().getFirst(Headers.AUTHORIZATION),
                ex.getSourceAddress().getAddress().getHostAddress()).orElseThrow();
        if (gateway == null) {
            ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "message/rfc822");
            ex.getResponseHeaders().put(Headers.CONTENT_LENGTH, memory.length);
            ex.getOutputStream().write(memory);
            return;
        }
        MailAccount account = cache == null ? gateway.login(c)
                : cache.computeIfAbsent(ex.getRequestHeaders().getFirst(Headers.AUTHORIZATION), k -> gateway.login(c));
        MessageRef ref = MessageIds.parse(URLDecoder.decode(ex.getRelativePath().substring(1), StandardCharsets.UTF_8));
        try (Content content = account.openRaw(ref, ByteRange.ALL)) {
            ex.getResponseHeaders().put(Headers.CONTENT_TYPE, content.contentType());
            ex.getResponseHeaders().put(Headers.ETAG, ETags.raw(ref).toString());
            ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "private, max-age=31536000, immutable");
            ex.getResponseHeaders().put(Headers.ACCEPT_RANGES, "bytes");
            ex.getResponseHeaders().put(Headers.CONTENT_LENGTH, content.length().orElseThrow());
            content.stream().transferTo(ex.getOutputStream());
        }
    }
}

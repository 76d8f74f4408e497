package org.lemongate.app;

import java.util.Locale;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

/**
 * The plain-HTTP listener of {@code http-redirect-port}: answers every request with 308 to the same path and query
 * over HTTPS (308 keeps the method and body, unlike 301). The host is the public URL's, else the request's own
 * Host when it is a plain host name, else the bind address; the request itself never reaches the gateway.
 */
final class HttpsRedirect implements HttpHandler {

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9.\\-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}]");

    private final Optional<PublicUrl> publicUrl;
    private final String fallbackHost;
    private final IntSupplier httpsPort;

    /**
     * @param httpsPort the HTTPS listener's port, known only once it is bound
     */
    HttpsRedirect(Optional<PublicUrl> publicUrl, String fallbackHost, IntSupplier httpsPort) {
        this.publicUrl = publicUrl;
        this.fallbackHost = fallbackHost;
        this.httpsPort = httpsPort;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        String target = base(exchange.getRequestHeaders().getFirst(Headers.HOST)) + exchange.getRequestURI()
                + (exchange.getQueryString().isEmpty() ? "" : "?" + exchange.getQueryString());
        exchange.setStatusCode(StatusCodes.PERMANENT_REDIRECT);
        exchange.getResponseHeaders().put(Headers.LOCATION, target);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=UTF-8");
        exchange.getResponseHeaders().put(Headers.CONNECTION, "close");
        exchange.getResponseSender().send("This gateway is served over HTTPS: " + target + "\n");
    }

    private String base(String hostHeader) {
        if (publicUrl.isPresent()) {
            return publicUrl.get().origin() + publicUrl.get().prefix();
        }
        String host = fallbackHost;
        if (hostHeader != null) {
            String h = hostHeader.strip();
            int colon = h.lastIndexOf(':');
            String name = colon > h.lastIndexOf(']') ? h.substring(0, colon) : h;
            if (HOST_NAME.matcher(name).matches()) {
                host = name.toLowerCase(Locale.ROOT);
            }
        }
        int port = httpsPort.getAsInt();
        return "https://" + host + (port == 443 ? "" : ":" + port);
    }
}

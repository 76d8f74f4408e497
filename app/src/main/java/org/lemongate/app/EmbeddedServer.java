package org.lemongate.app;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import javax.net.ssl.SSLContext;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import jakarta.servlet.ServletException;
import org.xnio.Options;
import org.xnio.Sequence;

/**
 * Lemongate on embedded Undertow: the same {@link GatewayWebApp} a servlet container runs from the WAR, at the
 * root context, listening on the configured address and port, over HTTPS when a key is configured.
 */
public final class EmbeddedServer implements AutoCloseable {

    private static final int MAX_HEADER_BYTES = 32 * 1024;
    private static final int MAX_HEADERS = 100;
    private static final int MAX_PARAMETERS = 200;
    private static final int PARSE_TIMEOUT_MILLIS = 30_000;
    private static final int IDLE_CONNECTION_MILLIS = 120_000;

    private final DeploymentManager deployment;
    private final Undertow undertow;
    private final URI baseUri;

    private EmbeddedServer(DeploymentManager deployment, Undertow undertow, URI baseUri) {
        this.deployment = deployment;
        this.undertow = undertow;
        this.baseUri = baseUri;
    }

    /**
     * Deploys the gateway and starts listening.
     *
     * @param config a configuration naming an IMAP server
     * @throws IllegalStateException when the port cannot be bound or the gateway does not start
     * @throws ConfigException      when the HTTPS key or certificate cannot be used
     */
    public static EmbeddedServer start(GatewayConfig config) {
        // Read before anything starts, so that a bad key file is reported as such.
        SSLContext tls = config.tls().enabled() ? HandshakeLog.around(TlsContext.load(config.tls())) : null;
        DeploymentInfo info = Servlets.deployment()
                .setClassLoader(EmbeddedServer.class.getClassLoader())
                .setContextPath("/")
                .setDeploymentName("lemongate")
                .setDisplayName("Lemongate")
                .addServletContextAttribute(GatewayWebApp.CONFIG_ATTRIBUTE, config)
                .addListener(Servlets.listener(GatewayWebApp.class));
        DeploymentManager deployment = Servlets.newContainer().addDeployment(info);
        deployment.deploy();
        Undertow undertow;
        AtomicInteger httpsPort = new AtomicInteger();
        try {
            Undertow.Builder builder = Undertow.builder();
            listen(builder, config, tls, httpsPort::get);
            undertow = builder
                    // Bounds on what a client may send before any servlet sees the request; the bindings bound
                    // bodies themselves. Slow senders of headers are cut off rather than holding a thread.
                    .setServerOption(UndertowOptions.MAX_HEADER_SIZE, MAX_HEADER_BYTES)
                    .setServerOption(UndertowOptions.MAX_HEADERS, MAX_HEADERS)
                    .setServerOption(UndertowOptions.MAX_PARAMETERS, MAX_PARAMETERS)
                    .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, PARSE_TIMEOUT_MILLIS)
                    .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, IDLE_CONNECTION_MILLIS)
                    // The bindings enforce the upload limit with their own errors; Undertow's cap only has to stay
                    // above it (SOAP carries base64, a third larger than the message, plus the envelope).
                    .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, maxEntity(config.maxUpload()))
                    .setHandler(new IoThreadCompletion(deployment.start()))
                    .build();
            undertow.start();
        } catch (ServletException | RuntimeException e) {
            stop(deployment);
            throw new IllegalStateException("cannot listen on " + config.bind() + ":" + config.port() + ": "
                    + rootMessage(e), e);
        }
        String scheme = config.tls().enabled() ? "https" : "http";
        httpsPort.set(port(undertow, scheme));
        return new EmbeddedServer(deployment, undertow, URI.create(scheme + "://" + displayHost(config.bind()) + ":"
                + port(undertow, scheme) + "/"));
    }

    /**
     * The gateway's listener: plain HTTP, or HTTPS with HTTP/2 (negotiated by ALPN) and, when asked, a plain-HTTP
     * listener that only redirects to it.
     */
    private static void listen(Undertow.Builder builder, GatewayConfig config, SSLContext context,
                               IntSupplier httpsPort) {
        if (context == null) {
            builder.addHttpListener(config.port(), config.bind());
            return;
        }
        builder.addHttpsListener(config.port(), config.bind(), context)
                .setServerOption(UndertowOptions.ENABLE_HTTP2, true)
                .setSocketOption(Options.SSL_ENABLED_PROTOCOLS, Sequence.of(TlsContext.PROTOCOLS))
                .setSocketOption(Options.SSL_ENABLED_CIPHER_SUITES, Sequence.of(TlsContext.cipherSuites(context)));
        config.tls().redirectPort().ifPresent(port -> builder.addListener(new Undertow.ListenerBuilder()
                .setType(Undertow.ListenerType.HTTP).setPort(port).setHost(config.bind())
                .setRootHandler(new HttpsRedirect(config.edge().publicUrl(), displayHost(config.bind()), httpsPort))));
    }

    /** The bound port of the listener speaking {@code scheme}. */
    private static int port(Undertow undertow, String scheme) {
        return undertow.getListenerInfo().stream().filter(l -> l.getProtcol().equals(scheme))
                .map(l -> ((InetSocketAddress) l.getAddress()).getPort()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + scheme + " listener"));
    }

    private static long maxEntity(long maxUpload) {
        return Math.max(64L * 1024 * 1024, maxUpload * 2);
    }

    /** Where the gateway answers, e.g. {@code http://localhost:8080/}. */
    public URI baseUri() {
        return baseUri;
    }

    /** Stops listening, then undeploys, which closes the mapping layer's connections. */
    @Override
    public void close() {
        undertow.stop();
        stop(deployment);
    }

    private static void stop(DeploymentManager deployment) {
        try {
            deployment.stop();
        } catch (ServletException e) {
            throw new IllegalStateException("the gateway did not stop cleanly", e);
        } finally {
            deployment.undeploy();
        }
    }

    /** Loopback and wildcard addresses are shown as {@code localhost}, which users can paste into a browser. */
    private static String displayHost(String bind) {
        return switch (bind) {
            case "127.0.0.1", "0.0.0.0", "::", "[::]", "localhost" -> "localhost";
            default -> bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind;
        };
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}

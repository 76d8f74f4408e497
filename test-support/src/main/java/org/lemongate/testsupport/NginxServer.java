package org.lemongate.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Debian's nginx as a reverse proxy in front of gateways running on loopback ports, for tests of what clients see
 * through a real intermediary: path prefix, TLS terminated at the proxy, forwarded headers, gzip, idle timeouts.
 *
 * <pre>{@code
 * try (NginxServer nginx = NginxServer.builder()
 *         .upstream(gateway.port())          // call again for round robin over several
 *         .prefix("/gw/")                    // location /gw/ { proxy_pass http://lemongate/; }
 *         .tls()                             // adds an HTTPS listener with a fresh self-signed certificate
 *         .proxyReadTimeout(Duration.ofSeconds(60))
 *         .start()) {
 *     HttpClient client = HttpClient.newBuilder().sslContext(nginx.sslContext()).build();
 *     client.send(... nginx.publicUrl().resolve("api/v1/mailboxes") ...);
 * }
 * }</pre>
 *
 * <p>Each instance has its own directory with a generated nginx.conf, pid file, logs and temporary paths, and
 * listens on free ports of 127.0.0.1. Requests to the prefix go to the upstreams with the prefix stripped,
 * {@code Host} as the client sent it, {@code X-Forwarded-For/-Proto/-Host/-Port/-Prefix} and an RFC 7239
 * {@code Forwarded} header (see {@link ForwardedHeaders}). gzip is on for text, XML and JSON; nothing else of
 * nginx's defaults is changed, so buffering and timeouts behave as on an operator's machine.
 *
 * <p>The master process runs in the foreground as this JVM's child and stops on {@link #close()}. When nginx is
 * not installed, starting one skips the test, or fails it when the {@link Interop} policy is {@code required}.
 */
public final class NginxServer implements AutoCloseable {

    private static final String PACKAGE = "nginx";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final int LOG_TAIL_BYTES = 16 * 1024;

    /** Which headers nginx adds to tell the upstream about the client and the public address. */
    public enum ForwardedHeaders {
        /** {@code X-Forwarded-For}, {@code -Proto}, {@code -Host}, {@code -Port}; with a prefix, {@code -Prefix}. */
        X_FORWARDED,
        /** Only RFC 7239 {@code Forwarded: for=..;proto=..;host=".."}. */
        FORWARDED,
        /** Both sets; the default. */
        BOTH
    }

    private final NginxConfig config;
    private final NginxLayout layout;
    private final Path nginx;
    private final SelfSignedCertificate certificate;
    private int httpPort;
    private int httpsPort;
    private Process master;

    private NginxServer(NginxConfig config, Path nginx, boolean tls) {
        this.config = config;
        this.nginx = nginx;
        this.layout = new NginxLayout(Directories.createShared("lg-nginx"));
        this.certificate = tls ? SelfSignedCertificate.generate(layout.tls()) : null;
    }

    /** A builder; at least one {@link Builder#upstream(int)} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Skips or fails the calling test, per the {@link Interop} policy, unless nginx is installed.
     *
     * @return the nginx executable
     */
    public static Path requireInstalled() {
        return Interop.requireCommand("nginx", PACKAGE);
    }

    /** The plain HTTP port on 127.0.0.1. */
    public int httpPort() {
        return httpPort;
    }

    /**
     * The HTTPS port on 127.0.0.1.
     *
     * @throws IllegalStateException when this nginx was built without {@link Builder#tls()}
     */
    public int httpsPort() {
        requireTls();
        return httpsPort;
    }

    /** {@code http://127.0.0.1:PORT/prefix/}: the plain HTTP entry point, ending with a slash. */
    public URI httpUrl() {
        return URI.create("http://" + LoopbackPorts.HOST + ":" + httpPort + config.prefix());
    }

    /**
     * {@code https://localhost:PORT/prefix/}: the TLS entry point, ending with a slash; the certificate names
     * {@code localhost} and {@code 127.0.0.1}.
     *
     * @throws IllegalStateException when this nginx was built without {@link Builder#tls()}
     */
    public URI httpsUrl() {
        requireTls();
        return URI.create("https://localhost:" + httpsPort + config.prefix());
    }

    /** What clients should use: {@link #httpsUrl()} with TLS, otherwise {@link #httpUrl()}. */
    public URI publicUrl() {
        return certificate != null ? httpsUrl() : httpUrl();
    }

    /**
     * A TLS context that trusts this nginx's self-signed certificate, for {@code HttpClient.Builder.sslContext}.
     *
     * @throws IllegalStateException when this nginx was built without {@link Builder#tls()}
     */
    public SSLContext sslContext() {
        requireTls();
        return certificate.clientContext();
    }

    /** The PEM certificate nginx presents, for clients outside the JVM ({@code curl --cacert}). */
    public Path certificateFile() {
        requireTls();
        return certificate.certificateFile();
    }

    /** The generated nginx.conf, to print when a test fails or to read in a test of this class. */
    public String configText() {
        return Directories.tail(layout.configFile(), LOG_TAIL_BYTES * 4);
    }

    /** The end of the error log (level info) and access log. */
    public String logs() {
        return "--- " + layout.errorLog() + "\n" + Directories.tail(layout.errorLog(), LOG_TAIL_BYTES)
                + "\n--- " + layout.accessLog() + "\n" + Directories.tail(layout.accessLog(), LOG_TAIL_BYTES);
    }

    /** Whether the nginx master process runs. */
    public synchronized boolean isRunning() {
        return master != null && master.isAlive();
    }

    /** Stops nginx (SIGTERM, fast shutdown) and deletes its directory. Open client connections are cut. */
    @Override
    public synchronized void close() {
        try {
            if (master != null) {
                ChildProcesses.end(master, STOP_GRACE);
                master = null;
                LoopbackPorts.awaitRefused(httpPort, STOP_GRACE);
            }
        } finally {
            Directories.deleteRecursively(layout.base());
        }
    }

    @Override
    public String toString() {
        return "nginx at " + publicUrl() + " in " + layout.base();
    }

    private void requireTls() {
        if (certificate == null) {
            throw new IllegalStateException("This nginx has no TLS listener; build it with tls()");
        }
    }

    private void firstStart() {
        for (String kind : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
            Directories.createWorldWritable(layout.temp().resolve(kind));
        }
        PortTakenException.retrying(() -> launch(LoopbackPorts.pickFree(),
                certificate != null ? LoopbackPorts.pickFree() : 0), this::logs);
    }

    private void launch(int plainPort, int tlsPort) {
        this.httpPort = plainPort;
        this.httpsPort = tlsPort;
        try {
            Files.writeString(layout.configFile(), config.render(layout, plainPort, certificate, tlsPort),
                    StandardCharsets.UTF_8);
            Files.deleteIfExists(layout.errorLog());
            // -e: errors found before the config's error_log is read must not go to /var/log/nginx.
            ProcessBuilder builder = new ProcessBuilder(nginx.toString(), "-p", layout.base() + "/",
                    "-e", layout.errorLog().toString(), "-c", layout.configFile().toString())
                    .directory(layout.base().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(layout.errorLog().toFile()));
            master = ChildProcesses.start(builder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + nginx, e);
        }
        awaitListening();
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!master.isAlive()) {
                master = null;
                if (Directories.tail(layout.errorLog(), LOG_TAIL_BYTES).contains("Address already in use")) {
                    throw new PortTakenException("nginx");
                }
                throw new IllegalStateException("nginx exited while starting:\n" + logs() + "\n--- nginx.conf\n"
                        + configText());
            }
            if (LoopbackPorts.accepts(httpPort) && (certificate == null || LoopbackPorts.accepts(httpsPort))) {
                return;
            }
            Polling.sleep(Duration.ofMillis(20));
        }
        ChildProcesses.end(master, STOP_GRACE);
        master = null;
        throw new IllegalStateException("nginx did not listen within " + START_TIMEOUT + ":\n" + logs());
    }

    /** Collects the settings of a {@link NginxServer} and starts it. */
    public static final class Builder {

        private final List<Integer> upstreams = new ArrayList<>();
        private String prefix = "/";
        private Duration proxyReadTimeout = Duration.ofSeconds(60);
        private boolean gzip = true;
        private boolean tls;
        private ForwardedHeaders forwardedHeaders = ForwardedHeaders.BOTH;

        private Builder() {
        }

        /** Adds an upstream listening on {@code 127.0.0.1:port}; several are used round robin. */
        public Builder upstream(int port) {
            upstreams.add(port);
            return this;
        }

        /**
         * The public path prefix, {@code "/"} (the default) or {@code "/name/"}: nginx serves
         * {@code location /name/ { proxy_pass http://upstreams/; }}, stripping it before the upstream sees the path.
         */
        public Builder prefix(String publicPrefix) {
            this.prefix = Objects.requireNonNull(publicPrefix, "publicPrefix");
            return this;
        }

        /** nginx's {@code proxy_read_timeout}: the longest silence between two reads from upstream (default 60 s). */
        public Builder proxyReadTimeout(Duration timeout) {
            this.proxyReadTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Whether nginx gzips text, XML and JSON responses (default on). */
        public Builder gzip(boolean enabled) {
            this.gzip = enabled;
            return this;
        }

        /** Adds an HTTPS listener (TLS 1.2 and 1.3) with a self-signed certificate for localhost and 127.0.0.1. */
        public Builder tls() {
            this.tls = true;
            return this;
        }

        /** Which forwarded headers nginx sends upstream (default {@link ForwardedHeaders#BOTH}). */
        public Builder forwardedHeaders(ForwardedHeaders headers) {
            this.forwardedHeaders = Objects.requireNonNull(headers, "headers");
            return this;
        }

        /**
         * Writes the configuration, starts nginx and returns when every listener accepts connections. Skips or fails
         * the calling test, per the {@link Interop} policy, when nginx is not installed.
         *
         * @throws IllegalArgumentException for a bad prefix, port or timeout
         * @throws IllegalStateException when nginx does not come up; the message carries its log
         */
        public NginxServer start() {
            NginxConfig config = new NginxConfig(upstreams, prefix, proxyReadTimeout, gzip, forwardedHeaders);
            Path nginx = requireInstalled();
            NginxServer server = null;
            try {
                server = new NginxServer(config, nginx, tls);
                server.firstStart();
                return server;
            } catch (RuntimeException failure) {
                if (server != null) {
                    server.close();
                }
                throw failure;
            }
        }
    }
}

package org.lemongate.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The settings of a private nginx and the nginx.conf they stand for: one reverse-proxy location in front of one or
 * more upstreams, an optional TLS listener, and every file nginx writes kept under one directory.
 *
 * @param upstreams the backends' HTTP ports on 127.0.0.1, used round robin
 * @param prefix the public path prefix, {@code "/"} or {@code "/name/"}; nginx strips it before proxying
 * @param proxyReadTimeout how long nginx waits for the next bytes from an upstream before it gives up
 * @param gzip whether nginx compresses text, XML and JSON responses itself
 * @param forwardedHeaders which headers tell the upstream about the client
 */
record NginxConfig(List<Integer> upstreams, String prefix, Duration proxyReadTimeout, boolean gzip,
                   NginxServer.ForwardedHeaders forwardedHeaders) {

    private static final Pattern PREFIX = Pattern.compile("/([A-Za-z0-9._~-]+/)*");

    NginxConfig {
        upstreams = List.copyOf(upstreams);
        if (upstreams.isEmpty()) {
            throw new IllegalArgumentException("nginx needs at least one upstream port");
        }
        for (int port : upstreams) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("Not a TCP port: " + port);
            }
        }
        if (!PREFIX.matcher(Objects.requireNonNull(prefix, "prefix")).matches()) {
            throw new IllegalArgumentException("A prefix is \"/\" or /name/[name/...] of A-Z a-z 0-9 . _ ~ -, not: \""
                    + prefix + "\"");
        }
        if (proxyReadTimeout.isNegative() || proxyReadTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("proxy_read_timeout is at least one second: " + proxyReadTimeout);
        }
        Objects.requireNonNull(forwardedHeaders, "forwardedHeaders");
    }

    /**
     * The whole nginx.conf.
     *
     * @param base the directory for the pid file, logs and temporary files
     * @param httpPort the plain HTTP listener's port
     * @param tls the certificate for the HTTPS listener, or {@code null} for plain HTTP only
     * @param httpsPort the HTTPS listener's port; ignored without {@code tls}
     */
    String render(NginxLayout base, int httpPort, SelfSignedCertificate tls, int httpsPort) {
        StringBuilder conf = new StringBuilder();
        // The master stays in the foreground as the test JVM's child; workers drop root to nobody.
        conf.append("daemon off;\nmaster_process on;\nworker_processes 1;\n")
                .append("pid ").append(base.pidFile()).append(";\n")
                .append("error_log ").append(base.errorLog()).append(" info;\n")
                .append("events { worker_connections 512; }\n")
                .append("http {\n")
                .append("  access_log ").append(base.accessLog()).append(";\n");
        for (String kind : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
            conf.append("  ").append(kind).append("_temp_path ").append(base.temp().resolve(kind)).append(";\n");
        }
        conf.append("  default_type application/octet-stream;\n")
                .append("  client_max_body_size 0;\n");
        if (gzip) {
            conf.append("  gzip on;\n  gzip_proxied any;\n  gzip_min_length 256;\n")
                    .append("  gzip_types text/plain text/css text/xml application/xml application/soap+xml")
                    .append(" application/json application/problem+json application/javascript;\n");
        }
        conf.append("  upstream lemongate {\n");
        upstreams.forEach(port -> conf.append("    server ").append(LoopbackPorts.HOST).append(':').append(port)
                .append(";\n"));
        conf.append("    keepalive 8;\n  }\n")
                .append("  server {\n")
                .append("    listen ").append(LoopbackPorts.HOST).append(':').append(httpPort).append(";\n");
        if (tls != null) {
            conf.append("    listen ").append(LoopbackPorts.HOST).append(':').append(httpsPort).append(" ssl;\n")
                    .append("    ssl_certificate ").append(tls.certificateFile()).append(";\n")
                    .append("    ssl_certificate_key ").append(tls.keyFile()).append(";\n")
                    .append("    ssl_protocols TLSv1.2 TLSv1.3;\n");
        }
        conf.append("    server_name localhost;\n")
                .append("    location ").append(prefix).append(" {\n")
                .append("      proxy_pass http://lemongate/;\n")
                .append("      proxy_http_version 1.1;\n")
                .append("      proxy_set_header Connection \"\";\n")
                .append("      proxy_set_header Host $http_host;\n")
                .append("      proxy_read_timeout ").append(proxyReadTimeout.toSeconds()).append("s;\n");
        forwardedHeaders(conf);
        conf.append("    }\n  }\n}\n");
        return conf.toString();
    }

    private void forwardedHeaders(StringBuilder conf) {
        if (forwardedHeaders != NginxServer.ForwardedHeaders.FORWARDED) {
            conf.append("      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n")
                    .append("      proxy_set_header X-Forwarded-Proto $scheme;\n")
                    .append("      proxy_set_header X-Forwarded-Host $http_host;\n")
                    .append("      proxy_set_header X-Forwarded-Port $server_port;\n");
            if (!prefix.equals("/")) {
                conf.append("      proxy_set_header X-Forwarded-Prefix ").append(prefixWithoutSlash())
                        .append(";\n");
            }
        }
        if (forwardedHeaders != NginxServer.ForwardedHeaders.X_FORWARDED) {
            // RFC 7239 has no prefix parameter; a host with a port must be a quoted string.
            conf.append("      proxy_set_header Forwarded ")
                    .append("\"for=$remote_addr;proto=$scheme;host=\\\"$http_host\\\"\";\n");
        }
    }

    /** The prefix as X-Forwarded-Prefix carries it: {@code /gw} for {@code /gw/}. */
    String prefixWithoutSlash() {
        return prefix.substring(0, prefix.length() - 1);
    }
}

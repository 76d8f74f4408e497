package org.lemongate.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** A real nginx in front of small HTTP upstreams: what the upstream receives and what the client sees. */
class NginxServerTest {

    private static final HttpClient PLAIN = HttpClient.newHttpClient();

    @Test
    void terminatesTlsStripsThePrefixAndTellsTheUpstreamAboutTheClient() throws Exception {
        try (HeaderEchoServer upstream = HeaderEchoServer.start("a");
             NginxServer nginx = NginxServer.builder().upstream(upstream.port()).prefix("/gw/").tls().start()) {
            HttpClient client = HttpClient.newBuilder().sslContext(nginx.sslContext()).build();
            URI url = nginx.httpsUrl().resolve("api/v1/mailboxes?x=1");
            assertEquals("https://localhost:" + nginx.httpsPort() + "/gw/api/v1/mailboxes?x=1", url.toString());

            HttpResponse<String> response = client.send(HttpRequest.newBuilder(url).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(200, response.statusCode(), nginx.logs());
            String seen = response.body();
            assertTrue(seen.contains("path: /api/v1/mailboxes\n"), seen);
            String publicHost = "localhost:" + nginx.httpsPort();
            assertTrue(seen.contains("host: " + publicHost + "\n"), seen);
            assertTrue(seen.contains("x-forwarded-proto: https\n"), seen);
            assertTrue(seen.contains("x-forwarded-host: " + publicHost + "\n"), seen);
            assertTrue(seen.contains("x-forwarded-port: " + nginx.httpsPort() + "\n"), seen);
            assertTrue(seen.contains("x-forwarded-prefix: /gw\n"), seen);
            assertTrue(seen.contains("x-forwarded-for: 127.0.0.1\n"), seen);
            assertTrue(seen.contains("forwarded: for=127.0.0.1;proto=https;host=\"" + publicHost + "\"\n"), seen);
        }
    }

    @Test
    void plainListenerSaysHttpAndTheChosenHeaderSetOnly() throws Exception {
        try (HeaderEchoServer upstream = HeaderEchoServer.start("a");
             NginxServer nginx = NginxServer.builder().upstream(upstream.port())
                     .forwardedHeaders(NginxServer.ForwardedHeaders.FORWARDED).start()) {
            assertEquals("/", nginx.httpUrl().getPath());
            String seen = get(nginx.httpUrl().resolve("dav/x")).body();

            assertTrue(seen.contains("path: /dav/x\n"), seen);
            assertTrue(seen.contains("forwarded: for=127.0.0.1;proto=http;host=\"127.0.0.1:" + nginx.httpPort()
                    + "\"\n"), seen);
            assertFalse(seen.contains("x-forwarded-"), seen);
            assertThrows(IllegalStateException.class, nginx::httpsUrl);
        }
    }

    @Test
    void anUntrustingClientRefusesTheSelfSignedCertificate() throws Exception {
        try (HeaderEchoServer upstream = HeaderEchoServer.start("a");
             NginxServer nginx = NginxServer.builder().upstream(upstream.port()).tls().start()) {
            assertThrows(SSLHandshakeException.class, () -> get(nginx.httpsUrl()));
        }
    }

    @Test
    void spreadsRequestsOverEveryUpstream() throws Exception {
        try (HeaderEchoServer first = HeaderEchoServer.start("first");
             HeaderEchoServer second = HeaderEchoServer.start("second");
             NginxServer nginx = NginxServer.builder().upstream(first.port()).upstream(second.port()).start()) {
            Set<String> servers = new HashSet<>();
            Pattern server = Pattern.compile("server: (\\w+)");
            for (int i = 0; i < 4; i++) {
                Matcher matcher = server.matcher(get(nginx.httpUrl()).body());
                assertTrue(matcher.find());
                servers.add(matcher.group(1));
            }
            assertEquals(Set.of("first", "second"), servers);
        }
    }

    @Test
    void gzipsTextWhenTheClientAcceptsIt() throws Exception {
        try (HeaderEchoServer upstream = HeaderEchoServer.start("a");
             NginxServer nginx = NginxServer.builder().upstream(upstream.port()).start()) {
            HttpRequest request = HttpRequest.newBuilder(nginx.httpUrl().resolve("big/4000"))
                    .header("Accept-Encoding", "gzip").build();
            HttpResponse<byte[]> response = PLAIN.send(request, HttpResponse.BodyHandlers.ofByteArray());

            assertEquals("gzip", response.headers().firstValue("Content-Encoding").orElse("none"));
            assertTrue(response.body().length < 4000, "compressed to " + response.body().length + " bytes");
        }
    }

    @Test
    void anUpstreamSilentLongerThanTheReadTimeoutGetsAGatewayTimeout() throws Exception {
        try (HeaderEchoServer upstream = HeaderEchoServer.start("a");
             NginxServer nginx = NginxServer.builder().upstream(upstream.port())
                     .proxyReadTimeout(Duration.ofSeconds(1)).start()) {
            assertTrue(nginx.configText().contains("proxy_read_timeout 1s;"), nginx.configText());
            assertEquals(200, get(nginx.httpUrl().resolve("slow/200")).statusCode());
            assertEquals(504, get(nginx.httpUrl().resolve("slow/3000")).statusCode());
        }
    }

    @Test
    void closeStopsNginxAndDeletesItsDirectory() throws Exception {
        Path base;
        int port;
        try (HeaderEchoServer upstream = HeaderEchoServer.start("a")) {
            NginxServer nginx = NginxServer.builder().upstream(upstream.port()).tls().start();
            port = nginx.httpPort();
            base = nginx.certificateFile().getParent().getParent();
            assertTrue(nginx.isRunning());
            assertTrue(Files.isRegularFile(base.resolve("nginx.pid")), nginx.logs());

            nginx.close();

            assertFalse(nginx.isRunning());
        }
        assertFalse(LoopbackPorts.accepts(port));
        assertFalse(Files.exists(base));
    }

    @Test
    void refusesSettingsNginxCouldNotServe() {
        assertThrows(IllegalArgumentException.class, () -> NginxServer.builder().start());
        assertThrows(IllegalArgumentException.class, () -> NginxServer.builder().upstream(8080).prefix("gw").start());
        assertThrows(IllegalArgumentException.class, () -> NginxServer.builder().upstream(8080).prefix("/gw").start());
        assertThrows(IllegalArgumentException.class, () -> NginxServer.builder().upstream(8080)
                .prefix("/g w/").start());
        assertThrows(IllegalArgumentException.class, () -> NginxServer.builder().upstream(0).start());
        assertThrows(IllegalArgumentException.class, () -> NginxServer.builder().upstream(8080)
                .proxyReadTimeout(Duration.ofMillis(500)).start());
    }

    private static HttpResponse<String> get(URI url) throws Exception {
        return PLAIN.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
    }
}

package org.lemongate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lemongate.app.TestGateway.basic;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lemongate.testsupport.Interop;
import org.lemongate.testsupport.LoopbackPorts;

/**
 * The jar's HTTPS with a certificate made at test time: HTTP/2 by ALPN, HSTS, credentials accepted over TLS by the
 * strictest policy, TLS 1.1 refused (checked with OpenSSL, which can still offer it), a redirect from plain HTTP,
 * every key format read, and garbage in place of a client hello leaving the server serving others.
 */
class HttpsTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(TestGateway.mailSetup())
            .withPerMethodLifecycle(false);

    private static final String USER = "frank";
    private static final String PASSWORD = "frank-tls-secret";

    @TempDir
    static Path dir;

    private static TestCertificates rsa;
    private static EmbeddedServer server;
    private static int redirectPort;
    private static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        MAIL.setUser(USER + "@example.org", USER, PASSWORD);
        rsa = TestCertificates.create("RSA");
        redirectPort = LoopbackPorts.pickFree();
        server = startWith("--tls-cert", rsa.writeCertificate(dir.resolve("cert.pem")).toString(),
                "--tls-key", rsa.writePkcs8Key(dir.resolve("key.pem")).toString(),
                "--http-redirect-port", Integer.toString(redirectPort), "--insecure-credentials", "refuse");
        client = HttpClient.newBuilder().sslContext(rsa.clientContext()).version(HttpClient.Version.HTTP_2)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static EmbeddedServer startWith(String... options) {
        return TestGateway.start(MAIL.getImap().getPort(), MAIL.getSmtp().getPort(), options);
    }

    private static HttpResponse<String> get(URI uri, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void servesHttp2OverTlsWithHsts() throws Exception {
        assertEquals("https", server.baseUri().getScheme());
        HttpResponse<String> res = get(server.baseUri().resolve("/healthz"));
        assertEquals(200, res.statusCode());
        assertEquals(HttpClient.Version.HTTP_2, res.version());
        assertEquals(SecurityHeaders.HSTS, res.headers().firstValue("Strict-Transport-Security").orElse(""));
    }

    @Test
    void credentialsOverTlsAreAcceptedByTheStrictestPolicy() throws Exception {
        HttpResponse<String> res = get(server.baseUri().resolve("/api/v1/mailboxes"),
                "Authorization", basic(USER, PASSWORD));
        assertEquals(200, res.statusCode(), res.body());
    }

    @Test
    void plainHttpIsRedirectedToHttps() throws Exception {
        RawHttp.Response res = RawHttp.send(URI.create("http://127.0.0.1:" + redirectPort + "/"), null,
                "GET /api/v1/messages?mailbox=INBOX HTTP/1.1", "Host: localhost:" + redirectPort);
        assertEquals(308, res.status());
        assertEquals("https://localhost:" + server.baseUri().getPort() + "/api/v1/messages?mailbox=INBOX",
                res.header("Location").orElseThrow());
    }

    @Test
    void garbageInsteadOfAClientHelloIsDroppedAndOthersAreStillServed() throws Exception {
        byte[][] garbage = {
            "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
            {0x16, 0x03, 0x01, 0x00, 0x05, 0x01, 0x00, 0x00, 0x01, 0x00},
            {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}};
        // Another test's failed handshake may have used this second's log line.
        Thread.sleep(1100);
        // A record announcing 32 KB that never come: held like any slow client, without blocking anyone.
        try (Socket stalled = new Socket("127.0.0.1", server.baseUri().getPort());
             CapturedLog log = CapturedLog.of("org.lemongate.security")) {
            stalled.getOutputStream().write(new byte[] {0x16, 0x03, 0x03, 0x7f, (byte) 0xff, 0x01, 0x00});
            stalled.getOutputStream().flush();
            for (byte[] hello : garbage) {
                try (Socket socket = new Socket("127.0.0.1", server.baseUri().getPort())) {
                    socket.setSoTimeout(10_000);
                    socket.getOutputStream().write(hello);
                    socket.getOutputStream().flush();
                    assertTrue(closedAfterAtMostAnAlert(socket.getInputStream()), "connection closed");
                }
            }
            assertEquals(200, get(server.baseUri().resolve("/healthz")).statusCode());
            // At most one line a second, so the first of the burst at least.
            assertTrue(log.messages("org.lemongate.security").stream()
                    .anyMatch(l -> l.startsWith("dropped a TLS connection from 127.0.0.1:")), log.events().toString());
        }
        assertEquals(200, get(server.baseUri().resolve("/healthz")).statusCode());
    }

    /** Reads to end of stream; a TLS alert or nothing may come first, never an HTTP answer. */
    private static boolean closedAfterAtMostAnAlert(InputStream in) throws IOException {
        try {
            byte[] answer = in.readNBytes(64);
            return answer.length == 0 || answer[0] == 0x15;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            // A reset is a close too.
            return true;
        }
    }

    @Test
    void tls11IsRefusedAndTls12Accepted() throws Exception {
        Path openssl = Interop.requireCommand("openssl", "openssl");
        assertEquals(0, handshake(openssl, "-tls1_2"), "TLS 1.2 handshake");
        assertTrue(handshake(openssl, "-tls1_1") != 0, "TLS 1.1 handshake must fail");
    }

    /** The exit status of an OpenSSL client handshake; security level 0 lets it offer TLS 1.1 at all. */
    private static int handshake(Path openssl, String version) throws Exception {
        Process p = new ProcessBuilder(openssl.toString(), "s_client", "-connect",
                "127.0.0.1:" + server.baseUri().getPort(), version, "-cipher", "DEFAULT@SECLEVEL=0",
                "-servername", "localhost").redirectErrorStream(true).start();
        p.getOutputStream().close();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "openssl finished");
        return p.exitValue();
    }

    @Test
    void readsPkcs1RsaSec1EcAndPkcs12Keys() throws Exception {
        TestCertificates ec = TestCertificates.create("EC");
        List<String[]> variants = List.of(
                new String[] {"--tls-cert", rsa.writeCertificate(dir.resolve("rsa.pem")).toString(),
                    "--tls-key", rsa.writeTraditionalKey(dir.resolve("rsa-pkcs1.pem")).toString()},
                new String[] {"--tls-cert", ec.writeCertificate(dir.resolve("ec.pem")).toString(),
                    "--tls-key", ec.writeTraditionalKey(dir.resolve("ec-sec1.pem")).toString()},
                new String[] {"--tls-keystore", rsa.writePkcs12(dir.resolve("server.p12")).toString(),
                    "--tls-keystore-password", TestCertificates.PASSWORD});
        assertTrue(Files.readString(dir.resolve("rsa-pkcs1.pem")).startsWith("-----BEGIN RSA PRIVATE KEY-----"));
        assertTrue(Files.readString(dir.resolve("ec-sec1.pem")).startsWith("-----BEGIN EC PRIVATE KEY-----"));
        for (String[] options : variants) {
            try (EmbeddedServer other = startWith(options)) {
                HttpClient trusting = HttpClient.newBuilder()
                        .sslContext(options[1].contains("ec") ? ec.clientContext() : rsa.clientContext()).build();
                HttpResponse<String> res = trusting.send(HttpRequest.newBuilder(other.baseUri().resolve("/healthz"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, res.statusCode(), String.join(" ", options));
            }
        }
    }

    @Test
    void aKeyOfAnotherCertificateIsRefusedAtStart() throws Exception {
        TestCertificates other = TestCertificates.create("RSA");
        ConfigException e = assertThrows(ConfigException.class, () -> startWith(
                "--tls-cert", rsa.writeCertificate(dir.resolve("mine.pem")).toString(),
                "--tls-key", other.writePkcs8Key(dir.resolve("theirs.pem")).toString()));
        assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
    }
}

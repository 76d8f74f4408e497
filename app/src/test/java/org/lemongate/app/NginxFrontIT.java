package org.lemongate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lemongate.app.TestGateway.basic;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lemongate.testsupport.DovecotServer;
import org.lemongate.testsupport.LoopbackPorts;
import org.lemongate.testsupport.NginxServer;

/**
 * The self-contained jar behind a real nginx that terminates TLS and publishes it at
 * {@code https://localhost:PORT/gw/}, with {@code trusted-proxies} = loopback and {@code public-url} set to that
 * address, against a private Dovecot. Every absolute URL the gateway emits, read through the proxy, points back
 * through the proxy: the WSDL's soap:address, WebDAV hrefs, the REST Location header and links, OpenAPI servers.
 * A long download outlives nginx's proxy_read_timeout while data flows, and requests that reach the gateway through
 * nginx's plain-HTTP listener (another Host) are refused. Skipped without nginx or Dovecot unless the interop suite
 * is required.
 */
class NginxFrontIT {

    private static final Path JAR = Path.of(System.getProperty("lemongate.jar", "target/lemongate.jar"));
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration PROXY_READ_TIMEOUT = Duration.ofSeconds(1);
    private static final int BIG_MESSAGE_BASE64_LINES = 120_000;
    private static final Pattern HREF = Pattern.compile("<(?:\\w+:)?href>([^<]*)</(?:\\w+:)?href>");

    @TempDir
    static Path temp;

    private static DovecotServer dovecot;
    private static NginxServer nginx;
    private static ChildGateway gateway;
    private static HttpClient https;
    private static URI front;

    @BeforeAll
    static void start() throws Exception {
        NginxServer.requireInstalled();
        dovecot = BindingsOverDovecot.startDovecot();
        dovecot.doveadm("mailbox", "create", "-u", BindingsOverDovecot.USER, "Big");
        dovecot.doveadm(bigMessage(temp.resolve("big.eml")), "save", "-u", BindingsOverDovecot.USER, "-m", "Big");
        for (int attempt = 1; gateway == null; attempt++) {
            int gatewayPort = LoopbackPorts.pickFree();
            nginx = NginxServer.builder().upstream(gatewayPort).prefix("/gw/").tls()
                    .proxyReadTimeout(PROXY_READ_TIMEOUT).start();
            front = nginx.httpsUrl();
            ChildGateway started = ChildGateway.start(JAR, Map.of(
                            "LEMONGATE_IMAP", dovecot.imapUrl(),
                            "LEMONGATE_IMAP_STARTTLS", "off",
                            "LEMONGATE_TRUSTED_PROXIES", "127.0.0.1",
                            "LEMONGATE_PUBLIC_URL", front.toString()),
                    "--port", Integer.toString(gatewayPort));
            boolean serving;
            try {
                serving = started.awaitServingOrLostPort(START);
            } catch (AssertionError e) {
                started.close();
                throw e;
            }
            if (serving) {
                gateway = started;
            } else {
                started.close();
                nginx.close();
                assertTrue(attempt < 3, "three picked ports were taken before the gateway could bind them");
            }
        }
        https = HttpClient.newBuilder().sslContext(nginx.sslContext()).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (nginx != null) {
            nginx.close();
        }
        if (dovecot != null) {
            dovecot.close();
        }
    }

    @Test
    void everyBindingServesMailThroughTheProxy() throws Exception {
        BindingsOverDovecot.assertServed(front, NginxFrontIT::logs,
                (method, url, body, headers) -> BindingsOverDovecot.send(https, method, url, body, headers));
    }

    @Test
    void wsdlNamesThePublicEndpoint() throws Exception {
        HttpResponse<String> wsdl = send("GET", "soap/mail?wsdl", null);

        assertEquals(200, wsdl.statusCode(), wsdl.body() + logs());
        Matcher address = Pattern.compile("<(?:\\w+:)?address location=\"([^\"]+)\"").matcher(wsdl.body());
        assertTrue(address.find(), wsdl.body());
        assertEquals(front + "soap/mail", address.group(1));
    }

    @Test
    void webdavHrefsLeadBackThroughTheProxy() throws Exception {
        HttpResponse<String> listing = send("PROPFIND", "dav/", null, "Depth", "1");

        assertEquals(207, listing.statusCode(), listing.body() + logs());
        Matcher href = HREF.matcher(listing.body());
        int hrefs = 0;
        while (href.find()) {
            URI target = front.resolve(URI.create(href.group(1)));
            assertTrue(target.toString().startsWith(front + "dav/"), href.group(1));
            hrefs++;
        }
        assertTrue(hrefs >= 3, listing.body());
        HttpResponse<String> inbox = send("PROPFIND", "dav/INBOX/", null, "Depth", "0");
        assertEquals(207, inbox.statusCode(), inbox.body() + logs());
    }

    @Test
    void restLocationAndLinksNameThePublicUrl() throws Exception {
        HttpResponse<String> created = send("POST", "api/v1/mailboxes", "{\"name\":\"Through nginx\"}",
                "Content-Type", "application/json");

        assertEquals(201, created.statusCode(), created.body() + logs());
        String location = created.headers().firstValue("Location").orElseThrow();
        assertEquals(front + "api/v1/mailboxes/Through%20nginx", location);
        assertEquals(200, send("GET", front.relativize(URI.create(location)).toString(), null).statusCode());

        HttpResponse<String> page = send("GET", "api/v1/messages?mailbox=INBOX", null);
        assertEquals(200, page.statusCode(), page.body() + logs());
        Matcher link = Pattern.compile("\"(?:self|next|raw)\"\\s*:\\s*\"([^\"]+)\"").matcher(page.body());
        int links = 0;
        while (link.find()) {
            URI target = front.resolve(link.group(1));
            assertTrue(target.toString().startsWith(front + "api/v1/"), link.group(1));
            assertEquals(200, send("GET", front.relativize(target).toString(), null).statusCode(), link.group(1));
            links++;
        }
        assertTrue(links >= 2, page.body());
    }

    @Test
    void openApiServersLeadToThePublicApi() throws Exception {
        URI document = front.resolve("api/v1/openapi.json");
        HttpResponse<String> openApi = send("GET", "api/v1/openapi.json", null);

        assertEquals(200, openApi.statusCode(), openApi.body() + logs());
        Matcher server = Pattern.compile("\"servers\"\\s*:\\s*\\[\\s*\\{\\s*\"url\"\\s*:\\s*\"([^\"]+)\"")
                .matcher(openApi.body());
        assertTrue(server.find(), openApi.body());
        // Paths in the document start with /v1, so the server URL is the API root before it.
        URI mailboxes = URI.create(document.resolve(server.group(1)) + "/v1/mailboxes");
        assertEquals(front.resolve("api/v1/mailboxes"), mailboxes);
        assertEquals(200, send("GET", front.relativize(mailboxes).toString(), null).statusCode());
    }

    @Test
    void aDownloadLongerThanTheProxyReadTimeoutArrivesWhole() throws Exception {
        HttpResponse<String> list = send("GET", "api/v1/messages?mailbox=Big", null);
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(list.body());
        assertTrue(id.find(), list.body());
        HttpRequest request = HttpRequest.newBuilder(front.resolve("api/v1/messages/" + id.group(1) + "/raw"))
                .header("Authorization", basic(BindingsOverDovecot.USER, BindingsOverDovecot.PASSWORD)).build();

        long started = System.nanoTime();
        HttpResponse<InputStream> download = https.send(request, HttpResponse.BodyHandlers.ofInputStream());
        long bytes = readSlowly(download.body());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertEquals(200, download.statusCode(), logs());
        assertEquals(Files.size(temp.resolve("big.eml")), bytes);
        assertTrue(took.compareTo(PROXY_READ_TIMEOUT.multipliedBy(2)) > 0, "took only " + took);
    }

    @Test
    void theProxysPlainListenerIsAnotherHostAndIsRefused() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(nginx.httpUrl().resolve("api/v1/mailboxes"))
                .header("Authorization", basic(BindingsOverDovecot.USER, BindingsOverDovecot.PASSWORD))
                .timeout(Duration.ofSeconds(20)).build();

        HttpResponse<String> refused = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofString());

        assertEquals(421, refused.statusCode(), refused.body() + logs());
        assertFalse(refused.body().contains("INBOX"), refused.body());
    }

    /** An authorized request through the proxy's TLS listener, relative to {@code /gw/}. */
    private HttpResponse<String> send(String method, String path, String body, String... headers)
            throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of(headers));
        all.addAll(List.of("Authorization", basic(BindingsOverDovecot.USER, BindingsOverDovecot.PASSWORD)));
        return BindingsOverDovecot.send(https, method, front.resolve(path), body, all.toArray(String[]::new));
    }

    /** Reads like a slow mobile client: 256 KiB, then a pause, until the end; returns the bytes read. */
    private static long readSlowly(InputStream body) throws IOException, InterruptedException {
        byte[] buffer = new byte[256 * 1024];
        long total = 0;
        try (body) {
            int read;
            long sinceSleep = 0;
            while ((read = body.read(buffer)) >= 0) {
                total += read;
                sinceSleep += read;
                if (sinceSleep >= buffer.length) {
                    Thread.sleep(80);
                    sinceSleep = 0;
                }
            }
        }
        return total;
    }

    /** A message of about 9 MB: a text part and a base64 attachment of random bytes. */
    private static Path bigMessage(Path file) throws IOException {
        Random random = new Random(8);
        byte[] chunk = new byte[57];
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            for (String line : List.of("From: Dora Example <dora@example.org>", "To: carol@example.org",
                    "Subject: Big attachment", "Date: Mon, 30 Nov 2026 09:30:00 +0000", "MIME-Version: 1.0",
                    "Content-Type: multipart/mixed; boundary=\"b\"", "", "--b", "Content-Type: text/plain", "",
                    "See the attachment.", "--b", "Content-Type: application/octet-stream",
                    "Content-Transfer-Encoding: base64", "Content-Disposition: attachment; filename=\"big.bin\"",
                    "")) {
                out.write(line + "\r\n");
            }
            for (int i = 0; i < BIG_MESSAGE_BASE64_LINES; i++) {
                random.nextBytes(chunk);
                out.write(Base64.getEncoder().encodeToString(chunk) + "\r\n");
            }
            out.write("--b--\r\n");
        }
        return file;
    }

    private static String logs() {
        return "\n--- gateway\n" + gateway.output() + "\n" + nginx.logs();
    }
}

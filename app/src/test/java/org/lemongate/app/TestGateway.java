package org.lemongate.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.ServerSetup;

/** Starts the embedded gateway in-process against a GreenMail, and talks real HTTP to it. */
final class TestGateway {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private TestGateway() {
    }

    /** IMAP and SMTP on free loopback ports. */
    static ServerSetup[] mailSetup() {
        return new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort(),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort()};
    }

    /**
     * The gateway on a free loopback port, against the mail servers on these ports, with short timeouts and any
     * further options given.
     */
    static EmbeddedServer start(int imapPort, int smtpPort, String... options) {
        List<String> args = new ArrayList<>(List.of(
                "--imap", "imap://127.0.0.1:" + imapPort, "--smtp", "smtp://127.0.0.1:" + smtpPort,
                "--imap-starttls", "off", "--port", "0", "--connect-timeout", "2s", "--read-timeout", "5s"));
        args.addAll(List.of(options));
        CommandLine cli = CommandLine.parse(args.toArray(String[]::new));
        return EmbeddedServer.start(ConfigLoader.forCommandLine(cli, Map.of()));
    }

    static HttpResponse<String> get(URI uri, String... headers) throws IOException, InterruptedException {
        return send("GET", uri, headers);
    }

    static HttpResponse<String> send(String method, URI uri, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}

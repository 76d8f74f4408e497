package org.lemongate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lemongate.app.TestGateway.basic;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.lemongate.testsupport.DovecotServer;

/**
 * The check every deployment of the gateway must pass against a real Dovecot: one user with one known message,
 * read through each binding the way its clients do — REST lists mailboxes and fetches the raw message, SOAP answers
 * a ListFolders envelope, WebDAV lists the inbox with PROPFIND and serves the message file with GET.
 */
final class BindingsOverDovecot {

    static final String USER = "carol";
    static final String PASSWORD = "carol-secret";

    private static final Path MESSAGE = Path.of("src/test/resources/mail/deployment-check.eml");
    private static final String BODY_LINE = "This message travelled from Dovecot through a servlet container.";
    private static final Pattern FIRST_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern MESSAGE_HREF = Pattern.compile("<(?:\\w+:)?href>([^<]*\\.eml)</(?:\\w+:)?href>");
    /** A SOAP 1.1 ListFolders call, as any SOAP toolkit sends it. */
    private static final String LIST_FOLDERS = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:m=\"urn:lemongate:mail:1\">"
            + "<s:Body><m:ListFolders/></s:Body></s:Envelope>";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private BindingsOverDovecot() {
    }

    /** A Dovecot with {@value #USER} and the deployment-check message in the inbox. */
    static DovecotServer startDovecot() {
        DovecotServer dovecot = DovecotServer.start(Map.of(USER, PASSWORD));
        dovecot.doveadm(MESSAGE, "save", "-u", USER, "-m", "INBOX");
        return dovecot;
    }

    /** One HTTP exchange: method, absolute URL, body or null, then header names and values. */
    @FunctionalInterface
    interface Exchange {
        HttpResponse<String> send(String method, URI url, String body, String... headers)
                throws IOException, InterruptedException;
    }

    /** Plain HTTP with the JDK's client. */
    static HttpResponse<String> plain(String method, URI url, String body, String... headers)
            throws IOException, InterruptedException {
        return send(HTTP, method, url, body, headers);
    }

    /** An exchange through {@code client}, which may carry its own TLS trust. */
    static HttpResponse<String> send(HttpClient client, String method, URI url, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** {@link #assertServed(URI, Supplier, Exchange)} over plain HTTP. */
    static void assertServed(URI root, Supplier<String> logs) throws Exception {
        assertServed(root, logs, BindingsOverDovecot::plain);
    }

    /**
     * Asserts that the gateway whose root is {@code root} (ending with '/') serves the user's mail through all three
     * bindings; {@code logs} adds the container's logs to a failure message.
     */
    static void assertServed(URI root, Supplier<String> logs, Exchange http) throws Exception {
        String authorization = basic(USER, PASSWORD);

        HttpResponse<String> mailboxes = http.send("GET", root.resolve("api/v1/mailboxes"), null,
                "Authorization", authorization);
        assertEquals(200, mailboxes.statusCode(), mailboxes.body() + logs.get());
        assertTrue(mailboxes.body().contains("\"INBOX\""), mailboxes.body());
        HttpResponse<String> list = http.send("GET", root.resolve("api/v1/messages?mailbox=INBOX"), null,
                "Authorization", authorization);
        assertEquals(200, list.statusCode(), list.body() + logs.get());
        Matcher id = FIRST_ID.matcher(list.body());
        assertTrue(id.find(), list.body());
        HttpResponse<String> raw = http.send("GET", root.resolve("api/v1/messages/" + id.group(1) + "/raw"), null,
                "Authorization", authorization);
        assertEquals(200, raw.statusCode(), raw.body() + logs.get());
        assertTrue(raw.body().contains(BODY_LINE), raw.body());

        HttpResponse<String> folders = http.send("POST", root.resolve("soap/mail"), LIST_FOLDERS,
                "Content-Type", "text/xml; charset=UTF-8", "SOAPAction", "\"urn:lemongate:mail:1#ListFolders\"",
                "Authorization", authorization);
        assertEquals(200, folders.statusCode(), folders.body() + logs.get());
        assertTrue(folders.body().contains(">INBOX<"), folders.body());
        assertTrue(folders.body().contains(">Sent<"), folders.body());

        HttpResponse<String> inbox = http.send("PROPFIND", root.resolve("dav/INBOX/"), null, "Depth", "1",
                "Authorization", authorization);
        assertEquals(207, inbox.statusCode(), inbox.body() + logs.get());
        Matcher href = MESSAGE_HREF.matcher(inbox.body());
        assertTrue(href.find(), inbox.body());
        assertTrue(href.group(1).contains("Deployment%20check"), href.group(1));
        HttpResponse<String> file = http.send("GET", resolveHref(root, href.group(1)), null,
                "Authorization", authorization);
        assertEquals(200, file.statusCode(), file.body() + logs.get());
        assertTrue(file.body().contains(BODY_LINE), file.body());
    }

    /** An href as WebDAV sends it, absolute URL or absolute path, resolved against the gateway's address. */
    private static URI resolveHref(URI root, String href) throws URISyntaxException {
        return root.resolve(new URI(href));
    }
}

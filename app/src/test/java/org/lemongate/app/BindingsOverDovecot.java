package org.lemongate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lemongate.app.TestGateway.basic;

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
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private BindingsOverDovecot() {
    }

    /** A Dovecot with {@value #USER} and the deployment-check message in the inbox. */
    static DovecotServer startDovecot() {
        DovecotServer dovecot = DovecotServer.start(Map.of(USER, PASSWORD));
        dovecot.doveadm(MESSAGE, "save", "-u", USER, "-m", "INBOX");
        return dovecot;
    }

    /**
     * Asserts that the gateway whose root is {@code root} (ending with '/') serves the user's mail through all three
     * bindings; {@code logs} adds the container's logs to a failure message.
     */
    static void assertServed(URI root, Supplier<String> logs) throws Exception {
        String authorization = basic(USER, PASSWORD);

        HttpResponse<String> mailboxes = TestGateway.get(root.resolve("api/v1/mailboxes"),
                "Authorization", authorization);
        assertEquals(200, mailboxes.statusCode(), mailboxes.body() + logs.get());
        assertTrue(mailboxes.body().contains("\"INBOX\""), mailboxes.body());
        HttpResponse<String> list = TestGateway.get(root.resolve("api/v1/messages?mailbox=INBOX"),
                "Authorization", authorization);
        assertEquals(200, list.statusCode(), list.body() + logs.get());
        Matcher id = FIRST_ID.matcher(list.body());
        assertTrue(id.find(), list.body());
        HttpResponse<String> raw = TestGateway.get(root.resolve("api/v1/messages/" + id.group(1) + "/raw"),
                "Authorization", authorization);
        assertEquals(200, raw.statusCode(), raw.body() + logs.get());
        assertTrue(raw.body().contains(BODY_LINE), raw.body());

        HttpResponse<String> folders = listFolders(root.resolve("soap/mail"), authorization);
        assertEquals(200, folders.statusCode(), folders.body() + logs.get());
        assertTrue(folders.body().contains(">INBOX<"), folders.body());
        assertTrue(folders.body().contains(">Sent<"), folders.body());

        HttpResponse<String> inbox = TestGateway.send("PROPFIND", root.resolve("dav/INBOX/"), "Depth", "1",
                "Authorization", authorization);
        assertEquals(207, inbox.statusCode(), inbox.body() + logs.get());
        Matcher href = MESSAGE_HREF.matcher(inbox.body());
        assertTrue(href.find(), inbox.body());
        assertTrue(href.group(1).contains("Deployment%20check"), href.group(1));
        HttpResponse<String> file = TestGateway.get(resolveHref(root, href.group(1)), "Authorization",
                authorization);
        assertEquals(200, file.statusCode(), file.body() + logs.get());
        assertTrue(file.body().contains(BODY_LINE), file.body());
    }

    /** A SOAP 1.1 ListFolders call, as any SOAP toolkit sends it. */
    static HttpResponse<String> listFolders(URI endpoint, String authorization) throws Exception {
        String envelope = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:m=\"urn:lemongate:mail:1\">"
                + "<s:Body><m:ListFolders/></s:Body></s:Envelope>";
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "text/xml; charset=UTF-8")
                .header("SOAPAction", "\"urn:lemongate:mail:1#ListFolders\"")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** An href as WebDAV sends it, absolute URL or absolute path, resolved against the gateway's address. */
    private static URI resolveHref(URI root, String href) throws URISyntaxException {
        return root.resolve(new URI(href));
    }
}

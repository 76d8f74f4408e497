package org.lemongate.rest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.Limits;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.imap.BackendSettings;
import org.lemongate.mapping.imap.ImapGateway;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * The whole stack for API tests: GreenMail on free loopback ports, the real connector, and the REST binding in
 * embedded Undertow. One stack per test class; each test works as a user of its own, so tests cannot see each
 * other's mail.
 */
abstract class GreenMailApi {

    static final String PASSWORD = "secret-pw";
    static final long MAX_UPLOAD = 2L * 1024 * 1024;

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
            .withPerMethodLifecycle(false);

    private static final AtomicInteger USERS = new AtomicInteger();

    static ImapGateway gateway;
    static RestServer server;
    static Http http;

    @BeforeAll
    static void startStack() throws Exception {
        BackendSettings d = BackendSettings.defaults(
                        URI.create("imap://127.0.0.1:" + MAIL.getImap().getPort()), Optional.empty())
                .withStartTls(BackendSettings.StartTls.OFF);
        // A small upload limit, so that tests can pass it cheaply.
        gateway = ImapGateway.start(new BackendSettings(d.imap(), d.smtp(), d.startTls(), d.trustStore(),
                d.trustStorePassword(), d.connectTimeout(), d.readTimeout(), d.writeTimeout(),
                d.maxConnectionsPerUser(), d.leaseTimeout(), d.idleEviction(), d.fetchChunkBytes(),
                new Limits(d.limits().maxPageSize(), MAX_UPLOAD, d.limits().maxBatchItems()), d.spoolDirectory(),
                d.spoolThresholdBytes(), d.loginFailureLimit(), d.loginFailureWindow(), d.sentMailbox(),
                d.trashMailbox()));
        server = RestServer.start(gateway);
        http = new Http(server);
    }

    @AfterAll
    static void stopStack() throws Exception {
        server.close();
        gateway.close();
    }

    /** A fresh user with an empty inbox. */
    static User newUser() {
        String name = "user" + USERS.incrementAndGet();
        return new User(name, MAIL.setUser(name + "@example.org", name, PASSWORD));
    }

    /** A test user: delivers fixture mail to itself and sends authenticated requests. */
    record User(String name, GreenMailUser mailbox) {

        /** Delivers {@code mail/<fixture>.eml}, with {@code {user}} and {@code {n}} filled in. */
        void deliver(String fixture, int n) throws Exception {
            String eml = resource("mail/" + fixture + ".eml").replace("{user}", name).replace("{n}", Integer.toString(n));
            mailbox.deliver(new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(eml.getBytes(StandardCharsets.ISO_8859_1))));
        }

        java.net.http.HttpRequest.Builder request(String path) {
            return http.request(path, name, PASSWORD);
        }

        /** The same account through the mapping layer, to compare the API's answers with. */
        MailAccount direct() {
            return gateway.login(Credentials.password(name, PASSWORD, "127.0.0.1"));
        }
    }

    static byte[] bytes(String resource) throws IOException {
        try (InputStream in = GreenMailApi.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("test resource " + resource + " is missing");
            }
            return in.readAllBytes();
        }
    }

    static String resource(String name) throws IOException {
        return new String(bytes(name), StandardCharsets.ISO_8859_1);
    }
}

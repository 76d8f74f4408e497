package org.lemongate.rest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.Flags;
import org.lemongate.mapping.Limits;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.SpooledMessage;
import org.lemongate.mapping.imap.BackendSettings;
import org.lemongate.mapping.imap.ImapGateway;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;


/**
 * The whole stack for API tests: an IMAP server on a free loopback port (GreenMail here; subclasses named
 * {@code *DovecotTest} run the same tests against Dovecot), the real connector, and the REST binding in embedded
 * Undertow. One stack per test class; each test works as a user of its own, so tests cannot see each other's mail.
 */
abstract class LiveApi {

    static final String PASSWORD = "secret-pw";
    static final long MAX_UPLOAD = 2L * 1024 * 1024;

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
            .withPerMethodLifecycle(false);

    static Backend backend;
    static ImapGateway gateway;
    static RestServer server;
    static Http http;

    @BeforeAll
    static void startStack() throws Exception {
        start(Backend.greenMail(MAIL));
    }

    /** Starts the connector and the binding in front of {@code imap}; subclasses for other servers call it. */
    static void start(Backend imap) throws Exception {
        if (server != null) {
            // JUnit runs the superclass's @BeforeAll too: the subclass's server replaces the one it started.
            stopStack();
        }
        backend = imap;
        gateway = ImapGateway.start(settings());
        server = RestServer.start(gateway);
        http = new Http(server);
    }

    /** The connector's settings for the current backend: another gateway instance with them sees the same mail. */
    static BackendSettings settings() {
        BackendSettings d = BackendSettings.defaults(backend.imap(), backend.smtp())
                .withStartTls(BackendSettings.StartTls.OFF);
        // A small upload limit, so that tests can pass it cheaply.
        return new BackendSettings(d.imap(), d.smtp(), d.startTls(), d.trustStore(),
                d.trustStorePassword(), d.connectTimeout(), d.readTimeout(), d.writeTimeout(),
                d.maxConnectionsPerUser(), d.leaseTimeout(), d.idleEviction(), d.fetchChunkBytes(),
                new Limits(d.limits().maxPageSize(), MAX_UPLOAD, d.limits().maxBatchItems()), d.spoolDirectory(),
                d.spoolThresholdBytes(), d.loginFailureLimit(), d.loginFailureWindow(), d.sentMailbox(),
                d.trashMailbox());
    }

    @AfterAll
    static void stopStack() throws Exception {
        server.close();
        gateway.close();
        backend.close();
        server = null;
    }

    /** A fresh user with an empty inbox. */
    static User newUser() {
        return new User(backend.newUser(PASSWORD));
    }

    /** A test user: delivers fixture mail to itself and sends authenticated requests. */
    record User(String name) {

        /**
         * Stores {@code mail/<fixture>.eml}, with {@code {user}} and {@code {n}} filled in, in the inbox (by IMAP
         * APPEND, which every server under test takes alike).
         */
        void deliver(String fixture, int n) throws Exception {
            String eml = resource("mail/" + fixture + ".eml").replace("{user}", name).replace("{n}", Integer.toString(n));
            try (SpooledMessage message = SpooledMessage.of(eml.getBytes(StandardCharsets.ISO_8859_1))) {
                direct().append(MailboxName.INBOX, message, Flags.NONE, Optional.empty());
            }
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
        try (InputStream in = LiveApi.class.getClassLoader().getResourceAsStream(resource)) {
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

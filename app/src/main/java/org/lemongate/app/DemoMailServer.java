package org.lemongate.app;

import java.net.URI;
import java.util.Optional;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailGateway;
import org.lemongate.mapping.imap.BackendSettings;
import org.lemongate.mapping.imap.BackendSettings.StartTls;
import org.lemongate.mapping.imap.ImapGateway;

/**
 * The embedded demo mail server of {@code java -jar lemongate.jar} without {@code --imap}: GreenMail with IMAP and
 * SMTP on free loopback ports and one user, {@value #USER} / {@value #PASSWORD}, holding the {@link DemoMailbox}.
 */
final class DemoMailServer implements AutoCloseable {

    static final String USER = "demo";
    static final String PASSWORD = "demo";
    private static final String LOOPBACK = "127.0.0.1";

    private final GreenMail greenMail;

    private DemoMailServer(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    /** Starts the servers, creates the demo user and loads the sample mailbox. */
    static DemoMailServer start() {
        GreenMail greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(0, LOOPBACK, ServerSetup.PROTOCOL_IMAP).dynamicPort(),
                new ServerSetup(0, LOOPBACK, ServerSetup.PROTOCOL_SMTP).dynamicPort()});
        greenMail.start();
        DemoMailServer server = new DemoMailServer(greenMail);
        try {
            greenMail.setUser(USER + "@lemongate.localhost", USER, PASSWORD);
            BackendSettings settings = BackendSettings.defaults(server.imapUrl(), Optional.of(server.smtpUrl()))
                    .withStartTls(StartTls.OFF);
            try (MailGateway loader = ImapGateway.start(settings)) {
                DemoMailbox.fromClassPath().loadInto(
                        loader.login(Credentials.password(USER, PASSWORD, LOOPBACK)));
            }
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    URI imapUrl() {
        return URI.create("imap://" + LOOPBACK + ":" + greenMail.getImap().getPort());
    }

    URI smtpUrl() {
        return URI.create("smtp://" + LOOPBACK + ":" + greenMail.getSmtp().getPort());
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}

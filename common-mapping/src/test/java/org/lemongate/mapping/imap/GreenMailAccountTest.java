package org.lemongate.mapping.imap;

import java.util.Optional;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lemongate.mapping.contract.MailAccountContract;
import org.lemongate.mapping.contract.MailBackend;

/** The mailbox API contract against GreenMail (IMAP and SMTP) in this JVM. */
class GreenMailAccountTest implements MailAccountContract {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
            .withPerMethodLifecycle(false);

    private static GreenMailBackend backend;

    @BeforeAll
    static void startGateway() {
        backend = new GreenMailBackend(MAIL, TestSettings.loopback(MAIL.getImap().getPort(),
                Optional.of(MAIL.getSmtp().getPort())));
    }

    @AfterAll
    static void stopGateway() {
        backend.close();
    }

    @Override
    public MailBackend backend() {
        return backend;
    }
}

package org.lemongate.mapping.imap;

import java.util.Set;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lemongate.mapping.contract.MailAccountContract;
import org.lemongate.mapping.contract.MailBackend;
import org.lemongate.testsupport.DovecotServer;

/**
 * The mailbox API contract against a real Dovecot (skipped, or failed under {@code lemongate.interop=required}, when
 * Dovecot is not installed), with GreenMail receiving submissions.
 */
class DovecotAccountTest implements MailAccountContract {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(false);

    private static DovecotServer dovecot;
    private static RealServerBackend backend;

    @BeforeAll
    static void startDovecot() {
        dovecot = DovecotServer.start(RealServerBackend.users());
        backend = new RealServerBackend("Dovecot", dovecot.host(), dovecot.imapPort(), dovecot.users(),
                Set.of(), SMTP);
    }

    @AfterAll
    static void stopDovecot() {
        if (backend != null) {
            backend.close();
        }
        if (dovecot != null) {
            dovecot.close();
        }
    }

    @Override
    public MailBackend backend() {
        return backend;
    }
}

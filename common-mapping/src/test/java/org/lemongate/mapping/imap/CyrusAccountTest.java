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
import org.lemongate.mapping.contract.MailBackend.Quirk;
import org.lemongate.testsupport.CyrusServer;

/**
 * The mailbox API contract against a real Cyrus IMAP 3.6 (skipped, or failed under
 * {@code lemongate.interop=required}, when Cyrus is not available), with GreenMail receiving submissions. Cyrus
 * reports quota usage in whole KiB rounded down, the one departure declared; it also keeps a session's deleted
 * selected mailbox selected without a word, which the connector checks for (see ADR 0041).
 */
class CyrusAccountTest implements MailAccountContract {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(false);

    private static CyrusServer cyrus;
    private static RealServerBackend backend;

    @BeforeAll
    static void startCyrus() {
        cyrus = CyrusServer.start(RealServerBackend.users());
        backend = new RealServerBackend("Cyrus", cyrus.host(), cyrus.imapPort(), cyrus.users(),
                Set.of(Quirk.QUOTA_USAGE_ROUNDED_DOWN), SMTP);
    }

    @AfterAll
    static void stopCyrus() {
        if (backend != null) {
            backend.close();
        }
        if (cyrus != null) {
            cyrus.close();
        }
    }

    @Override
    public MailBackend backend() {
        return backend;
    }
}

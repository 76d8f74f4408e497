package org.lemongate.mapping.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.Limits;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.SpooledMessage;

/** Bindings spool uploads through the account, so the operator's spool directory, threshold and limit apply. */
class AccountSpoolTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.IMAP.dynamicPort());

    @TempDir
    Path spool;

    private MailAccount account(ImapGateway gateway) {
        MAIL.setUser("sam@example.org", "sam", "secret");
        return gateway.login(Credentials.password("sam", "secret", "127.0.0.1"));
    }

    private ImapGateway gateway(int threshold, long maxUpload) {
        BackendSettings d = BackendSettings.defaults(URI.create("imap://127.0.0.1:" + MAIL.getImap().getPort()),
                Optional.empty()).withStartTls(BackendSettings.StartTls.OFF);
        return ImapGateway.start(new BackendSettings(d.imap(), d.smtp(), d.startTls(), d.trustStore(),
                d.trustStorePassword(), d.connectTimeout(), d.readTimeout(), d.writeTimeout(),
                d.maxConnectionsPerUser(), d.leaseTimeout(), d.idleEviction(), d.fetchChunkBytes(),
                new Limits(100, maxUpload, 10), spool, threshold, d.loginFailureLimit(), d.loginFailureWindow(),
                d.sentMailbox(), d.trashMailbox()));
    }

    private static ByteArrayInputStream message(int bodyBytes) {
        return new ByteArrayInputStream(("Subject: spooled\r\nFrom: a@example.org\r\n\r\n" + "x".repeat(bodyBytes))
                .getBytes(StandardCharsets.US_ASCII));
    }

    private long filesInSpool() throws Exception {
        try (Stream<Path> files = Files.list(spool)) {
            return files.count();
        }
    }

    @Test
    void largeUploadsGoToTheConfiguredDirectoryAndAreRemovedOnClose() throws Exception {
        try (ImapGateway gateway = gateway(1024, 1_000_000)) {
            MailAccount account = account(gateway);
            try (SpooledMessage m = account.spool(message(10_000))) {
                assertEquals(1, filesInSpool());
                assertEquals(10_000 + 41, m.size());
            }
            assertEquals(0, filesInSpool());
            try (SpooledMessage small = account.spool(message(10))) {
                assertEquals(0, filesInSpool(), "below the threshold the upload stays in memory");
            }
        }
    }

    @Test
    void theConfiguredUploadLimitApplies() throws Exception {
        try (ImapGateway gateway = gateway(1024, 5_000)) {
            MailAccount account = account(gateway);
            assertEquals(5_000, assertThrows(MailException.TooLarge.class,
                    () -> account.spool(message(10_000))).limit());
            assertEquals(0, filesInSpool());
        }
    }
}

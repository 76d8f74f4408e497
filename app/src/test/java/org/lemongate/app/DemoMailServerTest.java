package org.lemongate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailGateway;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MailboxStatus;
import org.lemongate.mapping.SystemFlag;
import org.lemongate.mapping.imap.BackendSettings;
import org.lemongate.mapping.imap.BackendSettings.StartTls;
import org.lemongate.mapping.imap.ImapGateway;

/** The demo server holds every message of the index, in the right folders, with the right read state. */
class DemoMailServerTest {

    @Test
    void holdsTheSampleMailboxAsIndexed() {
        DemoMailbox sample = DemoMailbox.fromClassPath();
        Map<MailboxName, long[]> expected = new LinkedHashMap<>();
        for (DemoMailbox.Entry e : sample.entries()) {
            long[] counts = expected.computeIfAbsent(e.folder(), f -> new long[2]);
            counts[0]++;
            if (!e.flags().has(SystemFlag.SEEN)) {
                counts[1]++;
            }
        }
        assertTrue(sample.entries().size() >= 15, "a realistic sample: " + sample.entries().size());
        assertTrue(expected.containsKey(MailboxName.of("Été 2026")));
        assertTrue(expected.containsKey(MailboxName.of("Reports & Notes")));
        assertTrue(expected.containsKey(MailboxName.of("Projects/Lemongate")));

        try (DemoMailServer demo = DemoMailServer.start();
             MailGateway gateway = ImapGateway.start(
                     BackendSettings.defaults(demo.imapUrl(), Optional.empty()).withStartTls(StartTls.OFF))) {
            MailAccount account = gateway.login(
                    Credentials.password(DemoMailServer.USER, DemoMailServer.PASSWORD, "127.0.0.1"));
            expected.forEach((folder, counts) -> {
                MailboxStatus status = account.mailbox(folder).status().orElseThrow();
                assertEquals(counts[0], status.messages(), "messages in " + folder);
                assertEquals(counts[1], status.unseen(), "unseen in " + folder);
            });
        }
    }
}

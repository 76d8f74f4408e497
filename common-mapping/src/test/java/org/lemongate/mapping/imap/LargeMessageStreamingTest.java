package org.lemongate.mapping.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.contract.GeneratedMessage;
import org.lemongate.mapping.contract.ImapSession;
import org.lemongate.testsupport.DovecotServer;

/**
 * A 20 MB attachment goes in and comes back out through the gateway in a JVM whose heap could not hold it: the
 * proof that append, raw reads and decoded part reads stream. The server is Dovecot, because GreenMail keeps every
 * message in the test's own memory and misreports message sizes.
 */
class LargeMessageStreamingTest {

    private static final long ATTACHMENT_BYTES = 20L * 1024 * 1024;
    private static final long SEED = 20_261_130L;
    /** Smaller than the message: buffering it whole, even once, fails. */
    private static final String HEAP = "-Xmx24m";

    @Test
    void roundTripsA20MegabyteAttachmentWithABoundedHeap(@TempDir Path work) throws Exception {
        GeneratedMessage message = new GeneratedMessage(ATTACHMENT_BYTES, SEED);
        assertTrue(message.size() > 26_000_000L, "base64 makes it bigger still: " + message.size());
        try (DovecotServer dovecot = DovecotServer.start(Map.of("big", "secret-big"))) {
            MessageRef stored;
            try (ImapSession imap = ImapSession.login(dovecot.host(), dovecot.imapPort(), "big", "secret-big")) {
                stored = imap.append(MailboxName.INBOX, message, Instant.now());
            }
            Path output = work.resolve("child.out");
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    HEAP, "-cp", System.getProperty("java.class.path"), LargeMessageRoundTrip.class.getName(),
                    Integer.toString(dovecot.imapPort()), "big", "secret-big", Long.toString(ATTACHMENT_BYTES),
                    Long.toString(SEED), Long.toString(stored.uidValidity()), Long.toString(stored.uid()))
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            boolean ended = child.waitFor(120, TimeUnit.SECONDS);
            if (!ended) {
                child.destroyForcibly();
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            assertTrue(ended, "the child did not finish within 120 s:\n" + printed);
            List<String> lines = printed.lines().toList();
            String raw = HexFormat.of().formatHex(message.messageDigest());
            String part = HexFormat.of().formatHex(message.attachmentDigest());
            assertTrue(lines.contains("stored.raw=" + raw), "reading the raw message:\n" + printed);
            assertTrue(lines.contains("stored.part=" + part), "reading the decoded attachment:\n" + printed);
            assertTrue(lines.contains("appended.raw=" + raw), "appending, then reading raw:\n" + printed);
            assertTrue(lines.contains("appended.part=" + part), "appending, then reading the attachment:\n" + printed);
            assertEquals(0, child.exitValue(), "the child failed:\n" + printed);
        }
    }

    @Test
    void generatedMessageKnowsItsSizeInAdvance() throws IOException {
        for (long bytes : new long[] {0, 1, 56, 57, 58, 114, 1000, 57 * 1000 + 1}) {
            GeneratedMessage m = new GeneratedMessage(bytes, 7);
            try (var in = m.open()) {
                assertEquals(m.size(), in.readAllBytes().length, "attachment of " + bytes + " bytes");
            }
        }
    }
}

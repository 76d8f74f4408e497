package org.lemongate.mapping;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpooledMessageTest {

    @TempDir
    Path spoolDir;

    private SpooledMessage spool(String text, long max, int threshold) throws IOException {
        return SpooledMessage.spool(new ByteArrayInputStream(text.getBytes(ISO_8859_1)), max, threshold, spoolDir);
    }

    private static String read(SpooledMessage m) throws IOException {
        try (InputStream in = m.open()) {
            return new String(in.readAllBytes(), ISO_8859_1);
        }
    }

    private List<Path> spoolFiles() throws IOException {
        try (Stream<Path> files = Files.list(spoolDir)) {
            return files.toList();
        }
    }

    private MailException.InvalidInput refused(String text) {
        MailException.InvalidInput e = assertThrows(MailException.InvalidInput.class, () -> spool(text, 1 << 24, 16));
        assertEquals("message", e.field());
        return e;
    }

    @Test
    void keepsCrlfAndCountsTheStoredSize() throws IOException {
        String text = "Subject: hi\r\n\r\nbody\r\n";
        try (SpooledMessage m = spool(text, 1000, 1000)) {
            assertEquals(text, read(m));
            assertEquals(text.length(), m.size());
        }
    }

    @Test
    void turnsBareLfAndBareCrIntoCrlf() throws IOException {
        try (SpooledMessage m = spool("Subject: hi\n\nline one\rline two\r\nend\r", 1000, 1000)) {
            String expected = "Subject: hi\r\n\r\nline one\r\nline two\r\nend\r\n";
            assertEquals(expected, read(m));
            assertEquals(expected.length(), m.size());
        }
    }

    @Test
    void normalisesLineEndingsSplitAcrossReads() throws IOException {
        byte[] text = "Subject: hi\r\n\r\na\r\rb\n\nc\r".getBytes(ISO_8859_1);
        InputStream oneByteAtATime = new ByteArrayInputStream(text) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
        try (SpooledMessage m = SpooledMessage.spool(oneByteAtATime, 1000, 4, spoolDir)) {
            assertEquals("Subject: hi\r\n\r\na\r\n\r\nb\r\n\r\nc\r\n", read(m));
        }
    }

    @Test
    void smallMessagesStayInMemory() throws IOException {
        try (SpooledMessage m = spool("Subject: small\r\n\r\nx", 1000, 1000)) {
            assertEquals(List.of(), spoolFiles());
            assertEquals("Subject: small\r\n\r\nx", read(m));
        }
    }

    @Test
    void largeMessagesSpillToAFileThatCloseDeletes() throws IOException {
        String body = "0123456789".repeat(1000);
        SpooledMessage m = spool("Subject: big\n\n" + body, 100_000, 100);
        assertEquals(1, spoolFiles().size());
        assertEquals(Files.size(spoolFiles().get(0)), m.size());
        assertEquals("Subject: big\r\n\r\n" + body, read(m));
        assertEquals("Subject: big\r\n\r\n" + body, read(m), "open() can be called again");
        m.close();
        assertEquals(List.of(), spoolFiles());
        assertThrows(IllegalStateException.class, m::open);
        m.close();
    }

    @Test
    void thresholdZeroSpoolsEverythingToDisk() throws IOException {
        try (SpooledMessage m = spool("A: b\r\n", 100, 0)) {
            assertEquals(1, spoolFiles().size());
            assertEquals("A: b\r\n", read(m));
        }
        assertEquals(List.of(), spoolFiles());
    }

    @Test
    void refusesMoreThanTheLimitCountingNormalisedBytes() {
        // 10 input bytes become 12 stored bytes: over a limit of 11.
        MailException.TooLarge e = assertThrows(MailException.TooLarge.class, () -> spool("A: b\n\nxy\n\n", 11, 0));
        assertEquals(11, e.limit());
        assertTrue(e.getMessage().contains("11 bytes"), e.getMessage());
    }

    @Test
    void stopsReadingAnEndlessUploadAtTheLimitAndLeavesNoFile() throws IOException {
        long[] served = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                served[0]++;
                return served[0] < 10 ? "A: b\r\n\r\n".charAt((int) Math.min(served[0] - 1, 7)) : 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                for (int i = 0; i < len; i++) {
                    b[off + i] = (byte) read();
                }
                return len;
            }
        };
        assertThrows(MailException.TooLarge.class, () -> SpooledMessage.spool(endless, 100_000, 1000, spoolDir));
        assertTrue(served[0] < 100_000 + 65_536, "read " + served[0] + " bytes of an endless stream");
        assertEquals(List.of(), spoolFiles());
    }

    @Test
    void refusesAnEmptyMessage() {
        assertEquals("the message is empty", refused("").getMessage());
        assertThrows(MailException.InvalidInput.class, () -> SpooledMessage.of(new byte[0]));
    }

    @Test
    void refusesAFirstLineThatIsNoHeaderField() {
        MailException e = refused("Hello world, this is not a header\n\nbody");
        assertEquals("line 1 is not a header field ('Name: value'): 'Hello world, this is not a header'",
                e.getMessage());
    }

    @Test
    void refusesAnMboxSeparatorLine() {
        assertTrue(refused("From bob@example.org Mon Nov 30 04:00:00 2026\nSubject: x\n\nb").getMessage()
                .startsWith("line 1 is not a header field"));
    }

    @Test
    void namesTheOffendingLineFurtherDown() {
        MailException e = refused("From: a@example.org\nSubject: x\nno colon here\n\nbody");
        assertTrue(e.getMessage().startsWith("line 3 is not a header field"), e.getMessage());
        assertTrue(e.getMessage().contains("'no colon here'"), e.getMessage());
    }

    @Test
    void refusesAnEmptyFieldNameAndSpacesInNames() {
        assertTrue(refused(": value\n\n").getMessage().startsWith("line 1 is not a header field"));
        assertTrue(refused("Bad Name: value\n\n").getMessage().startsWith("line 1 is not a header field"));
        assertTrue(refused("Name-without-colon").getMessage().startsWith("line 1 is not a header field"));
    }

    @Test
    void refusesALeadingEmptyLineOrWhiteSpace() {
        assertTrue(refused("\r\nSubject: x\r\n").getMessage().startsWith("line 1 is empty"));
        assertTrue(refused(" Subject: x\r\n").getMessage().startsWith("line 1 is not a header field: it starts"));
    }

    @Test
    void refusesNulInTheHeaderButNotInTheBody() throws IOException {
        assertTrue(refused("Subject: a\0b\n\nbody").getMessage().contains("line 1 contains a NUL byte"));
        try (SpooledMessage m = spool("Subject: a\n\nbinary\0body", 100, 100)) {
            assertEquals("Subject: a\r\n\r\nbinary\0body".length(), m.size());
        }
    }

    @Test
    void acceptsFoldedFieldsUtf8ValuesAndAHeaderEndingAtEof() throws IOException {
        String text = "Subject: a long\r\n\tfolded subject\r\nTo: Zoë <zoe@example.org>\r\nX-Empty:\r\n";
        byte[] utf8 = text.getBytes(UTF_8);
        try (SpooledMessage m = SpooledMessage.spool(new ByteArrayInputStream(utf8), 1000, 1000, spoolDir)) {
            try (InputStream in = m.open()) {
                assertArrayEquals(utf8, in.readAllBytes());
            }
        }
    }

    @Test
    void refusesAHeaderSectionWithoutEnd() {
        String endless = "X-Filler: " + "y".repeat(100) + "\n";
        MailException e = refused(endless.repeat(HeaderCheck.MAX_HEADER_BYTES / endless.length() + 2));
        assertTrue(e.getMessage().startsWith("the header section is longer than 1048576 bytes"), e.getMessage());
        assertDoesNotLeaveFiles();
    }

    @Test
    void leavesNoFileWhenASpilledMessageIsRefused() {
        assertThrows(MailException.InvalidInput.class, () -> spool("A: b\n" + "x".repeat(500), 10_000, 10));
        assertDoesNotLeaveFiles();
    }

    private void assertDoesNotLeaveFiles() {
        try {
            assertEquals(List.of(), spoolFiles());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void ofNormalisesSmallContent() throws IOException {
        try (SpooledMessage m = SpooledMessage.of("Subject: x\n\nhello\n".getBytes(UTF_8))) {
            assertEquals("Subject: x\r\n\r\nhello\r\n", read(m));
        }
    }

    private static MessageSource source(String text, long announced) {
        return new MessageSource() {
            @Override
            public long size() {
                return announced;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(text.getBytes(ISO_8859_1));
            }
        };
    }

    @Test
    void checkAcceptsAnyWellFormedSourceWithTheAnnouncedSize() throws IOException {
        String text = "Subject: bare LF is fine here\n\nbody\n";
        SpooledMessage.check(source(text, text.length()));
    }

    @Test
    void checkRefusesWhatSpoolRefusesAndASizeMismatch() {
        MailException.InvalidInput notMail = assertThrows(MailException.InvalidInput.class,
                () -> SpooledMessage.check(source("plain text\n", 11)));
        assertTrue(notMail.getMessage().startsWith("line 1 is not a header field"), notMail.getMessage());
        assertEquals("the message is empty", assertThrows(MailException.InvalidInput.class,
                () -> SpooledMessage.check(source("", 0))).getMessage());
        assertEquals("the message has 8 bytes, not the 9 it announced", assertThrows(
                MailException.InvalidInput.class, () -> SpooledMessage.check(source("A: b\r\n\r\n", 9))).getMessage());
    }
}

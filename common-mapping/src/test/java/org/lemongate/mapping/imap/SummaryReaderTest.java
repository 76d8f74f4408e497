package org.lemongate.mapping.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import org.eclipse.angus.mail.imap.protocol.BODYSTRUCTURE;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.junit.jupiter.api.Test;
import org.lemongate.mapping.Flags;
import org.lemongate.mapping.Keyword;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageSummary;
import org.lemongate.mapping.MimePart;
import org.lemongate.mapping.SystemFlag;

/**
 * The list path's shortcuts against the full readings they stand for, on FETCH answers as IMAP servers send them
 * (parsed by Jakarta Mail): attachments found without the MIME tree, shared flag values, SORT numbers in one pass.
 */
class SummaryReaderTest {

    private static final String ENVELOPE = "ENVELOPE (\"Mon, 30 Nov 2026 10:00:00 +0000\" \"Hello\" "
            + "((\"Bob\" NIL \"bob\" \"example.org\")) NIL NIL ((NIL NIL \"ann\" \"example.org\")) NIL NIL NIL "
            + "\"<m1@example.org>\")";
    private static final String TEXT = "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"utf-8\") NIL NIL \"7BIT\" 5 1 NIL NIL NIL"
            + " NIL)";

    /** Structures that do and do not hold attachments, the tricky ones included. */
    private static final List<String> STRUCTURES = List.of(
            TEXT,
            "(\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 5 1 NIL (\"ATTACHMENT\" NIL) NIL NIL)",
            "(\"APPLICATION\" \"PDF\" (\"NAME\" \"a.pdf\") NIL NIL \"BASE64\" 100 NIL NIL NIL NIL)",
            "(\"APPLICATION\" \"PDF\" (\"NAME\" \"  \") NIL NIL \"BASE64\" 100 NIL NIL NIL NIL)",
            "(\"APPLICATION\" \"OCTET-STREAM\" NIL NIL NIL \"BASE64\" 100 NIL (\"INLINE\" (\"FILENAME\" \"dir/\"))"
                    + " NIL NIL)",
            "(\"IMAGE\" \"PNG\" NIL NIL NIL \"BASE64\" 100 NIL (\"inline\" (\"FILENAME\" \"logo.png\")) NIL NIL)",
            "(" + TEXT + " (\"TEXT\" \"HTML\" NIL NIL NIL \"7BIT\" 9 1 NIL NIL NIL NIL) \"ALTERNATIVE\" "
                    + "(\"BOUNDARY\" \"b1\") NIL NIL NIL)",
            "((" + TEXT + " (\"TEXT\" \"HTML\" NIL NIL NIL \"7BIT\" 9 1 NIL NIL NIL NIL) \"ALTERNATIVE\" "
                    + "(\"BOUNDARY\" \"b2\") NIL NIL NIL) (\"APPLICATION\" \"ZIP\" NIL NIL NIL \"BASE64\" 100 NIL "
                    + "(\"ATTACHMENT\" (\"FILENAME\" \"x.zip\")) NIL NIL) \"MIXED\" (\"BOUNDARY\" \"b1\") NIL NIL NIL)",
            "(" + TEXT + " (\"MESSAGE\" \"DELIVERY-STATUS\" NIL NIL NIL \"7BIT\" 9 NIL NIL NIL NIL) \"REPORT\" "
                    + "(\"BOUNDARY\" \"b1\") NIL NIL NIL)");

    /** The answer as Jakarta Mail's protocol reads it off a server's stream. */
    private static FetchResponse fetch(String items) throws Exception {
        String wire = "* 1 FETCH (" + items + ")\r\n";
        IMAPProtocol p = new IMAPProtocol(new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(OutputStream.nullOutputStream()), new Properties(), false);
        return (FetchResponse) p.readResponse();
    }

    private static FetchResponse message(String flags, String structure) throws Exception {
        return fetch("UID 7 FLAGS (" + flags + ") INTERNALDATE \"30-Nov-2026 10:00:01 +0000\" RFC822.SIZE 321 "
                + ENVELOPE + " BODYSTRUCTURE " + structure);
    }

    @Test
    void attachmentsAreFoundWithoutTheTreeExactlyAsWithIt() throws Exception {
        List<Boolean> found = new ArrayList<>();
        for (String structure : STRUCTURES) {
            BODYSTRUCTURE bs = message("", structure).getItem(BODYSTRUCTURE.class);
            boolean fromTree = StructureReader.read(bs).flatten().stream().anyMatch(MimePart::isAttachment);
            assertEquals(fromTree, StructureReader.hasAttachment(bs), structure);
            found.add(fromTree);
        }
        assertEquals(List.of(false, true, true, false, false, true, false, true, false), found);
    }

    @Test
    void theListSummaryEqualsTheSummaryReadWithTheStructure() throws Exception {
        for (String structure : STRUCTURES) {
            FetchResponse f = message("\\Seen $Work", structure);
            MessageSummary quick = SummaryReader.summary(f, MailboxName.INBOX, 99);
            assertEquals(SummaryReader.read(f, MailboxName.INBOX, 99).summary(), quick);
            assertEquals("Hello", quick.subject());
            assertEquals("bob@example.org", quick.from().get(0).email());
            assertEquals("Bob", quick.from().get(0).name());
            assertEquals(List.of(), quick.cc());
        }
    }

    @Test
    void everyCombinationOfSystemFlagsReadsAsTheFlagsItNames() throws Exception {
        SystemFlag[] all = SystemFlag.values();
        for (int mask = 0; mask < 1 << all.length; mask++) {
            Set<SystemFlag> expected = EnumSet.noneOf(SystemFlag.class);
            StringBuilder list = new StringBuilder();
            for (int i = 0; i < all.length; i++) {
                if ((mask & (1 << i)) != 0) {
                    expected.add(all[i]);
                    list.append(all[i].imapName()).append(' ');
                }
            }
            Flags plain = SummaryReader.summary(message(list.toString().strip(), TEXT), MailboxName.INBOX, 1).flags();
            assertEquals(new Flags(expected, Set.of()), plain, list.toString());
            Flags withKeyword = SummaryReader.summary(message(list + "$Work", TEXT), MailboxName.INBOX, 1).flags();
            assertEquals(new Flags(expected, Set.of(Keyword.of("$Work"))), withKeyword, list.toString());
        }
    }

    @Test
    void keywordsTheDomainRejectsAreLeftOut() throws Exception {
        Flags f = SummaryReader.summary(message("\\Flagged $Ok bad]word", TEXT), MailboxName.INBOX, 1).flags();
        assertEquals(new Flags(Set.of(SystemFlag.FLAGGED), Set.of(Keyword.of("$Ok"))), f);
    }

    @Test
    void sortAndSearchNumbersAreReadInOrderUpToWhatIsNotANumber() throws Exception {
        assertEquals(List.of(5L, 3L, 4294967295L, 10L), numbers("* SORT 5 3 4294967295 10"));
        assertEquals(List.of(), numbers("* SORT"));
        assertEquals(List.of(), numbers("* SEARCH "));
        assertEquals(List.of(1L, 2L), numbers("* SEARCH 1 2 (MODSEQ 917162500)"));
        assertEquals(List.of(7L), numbers("* SEARCH 7  x9 12"));
        assertEquals(List.of(1L), numbers("* SEARCH 1 123456789012345678901234567890 2"));
    }

    private static List<Long> numbers(String line) throws Exception {
        IMAPResponse r = new IMAPResponse(line);
        List<Long> out = new ArrayList<>();
        MessageQueries.readNumbers(r, out);
        return out;
    }
}

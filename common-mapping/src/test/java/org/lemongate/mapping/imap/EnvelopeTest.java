package org.lemongate.mapping.imap;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;

import org.junit.jupiter.api.Test;
import org.lemongate.mapping.MailException;

class EnvelopeTest {

    private static Envelope envelope(String header, int max) {
        try {
            return Envelope.of(new InternetHeaders(new ByteArrayInputStream((header + "\r\n").getBytes(UTF_8))), max);
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> recipients(Envelope e) {
        return e.recipients().stream().map(InternetAddress::getAddress).toList();
    }

    @Test
    void collectsToCcAndBccInOrderExpandingGroupsAndFoldedLinesWithoutDuplicates() {
        Envelope e = envelope("From: \"Ann Example\" <ann@example.org>\r\n"
                + "To: Bob <bob@example.org>,\r\n\tteam: carol@example.org, Dave <dave@example.org>;\r\n"
                + "Cc: BOB@example.org\r\nBcc: eve@example.org\r\n", 10);
        assertEquals("ann@example.org", e.from().getAddress());
        assertEquals(List.of("bob@example.org", "carol@example.org", "dave@example.org", "eve@example.org"),
                recipients(e));
    }

    @Test
    void requiresASender() {
        assertEquals("from", assertThrows(MailException.InvalidInput.class,
                () -> envelope("To: bob@example.org\r\n", 10)).field());
        assertEquals("from", assertThrows(MailException.InvalidInput.class,
                () -> envelope("From: not an address@@\r\nTo: bob@example.org\r\n", 10)).field());
    }

    @Test
    void namesTheFirstBadRecipient() {
        MailException.InvalidInput e = assertThrows(MailException.InvalidInput.class,
                () -> envelope("From: ann@example.org\r\nTo: bob@example.org\r\nCc: carol..x@example.org\r\n", 10));
        assertEquals("recipients", e.field());
        assertTrue(e.getMessage().contains("Cc") && e.getMessage().contains("carol..x@example.org"), e.getMessage());
    }

    @Test
    void boundsTheNumberOfRecipients() {
        MailException.TooLarge e = assertThrows(MailException.TooLarge.class,
                () -> envelope("From: ann@example.org\r\nTo: a@example.org, b@example.org, c@example.org\r\n", 2));
        assertEquals("the message names 3 recipients; at most 2 are allowed", e.getMessage());
    }
}

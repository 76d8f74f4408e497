package org.lemongate.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class CompositionTest {

    private static final Address ANN = new Address("Ann", "ann@example.org");
    private static final List<Address> BOB = List.of(new Address("", "bob@example.org"));

    @Test
    void nullsBecomeEmpty() {
        Composition c = new Composition(ANN, BOB, null, null, null, null, null, null, null);
        assertEquals(List.of(), c.cc());
        assertEquals("", c.subject());
        assertEquals(List.of(), c.references());
    }

    @Test
    void headerInjectionIsRefusedNamingTheMember() {
        assertEquals("subject", field(() -> new Composition(ANN, BOB, null, null, "a\r\nBcc: x@y.org", "", "", "",
                null)));
        assertEquals("from.name", field(() -> new Composition(new Address("A\nB", "ann@example.org"), BOB, null,
                null, "", "", "", "", null)));
        assertEquals("to[0].email", field(() -> new Composition(ANN, List.of(new Address("",
                "bob@example.org>\r\nRCPT TO:<evil@example.org")), null, null, "", "", "", "", null)));
        assertEquals("bcc[0].email", field(() -> new Composition(ANN, BOB, null,
                List.of(new Address("", "a@x.org, b@y.org")), "", "", "", "", null)));
        assertEquals("references[1]", field(() -> new Composition(ANN, BOB, null, null, "", "", "", "",
                List.of("<a@b>", "<c@d>\r\nX: y"))));
    }

    @Test
    void senderAndARecipientAreRequired() {
        assertEquals("from", field(() -> new Composition(null, BOB, null, null, "", "", "", "", null)));
        assertEquals("to", field(() -> new Composition(ANN, List.of(), null, null, "", "", "", "", null)));
    }

    @Test
    void attachmentNamesAndTypesAreChecked() {
        assertEquals("attachments.filename", field(() -> new AttachmentSource("../etc/passwd", "text/plain",
                () -> null)));
        assertEquals("attachments.contentType", field(() -> new AttachmentSource("a.txt", "text/plain\r\nX: y",
                () -> null)));
        assertEquals("application/pdf", new AttachmentSource("a.pdf", "Application/PDF; name=x", () -> null)
                .contentType());
        assertEquals("application/octet-stream", new AttachmentSource("a", null, () -> null).contentType());
    }

    private static String field(Runnable r) {
        return assertThrows(MailException.InvalidInput.class, r::run).field();
    }
}

package org.lemongate.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** AppendMessage, SetFlags, Copy/Move/DeleteMessages, EmptyFolder and SendMessage over GreenMail. */
class MessageChangesTest {

    @RegisterExtension
    static final SoapTestGateway gateway = SoapTestGateway.withGreenMail();

    private static final String MESSAGE = "From: Ann Lemon <ann@example.org>\r\nTo: Bob Baker <bob@example.org>\r\n"
            + "Subject: %s\r\nMessage-ID: <%s@example.org>\r\n\r\nHello.\r\n";

    private static SoapResponse call(String operation, String content) throws Exception {
        return gateway.call(SoapRequest.soap11(operation, content));
    }

    private static String message(String subject) {
        return String.format(MESSAGE, subject, subject.replace(' ', '-'));
    }

    /** Appends a message inline and returns its id element, ready to send back. */
    private static String append(String folder, String subject, String... flags) throws Exception {
        StringBuilder content = new StringBuilder("<m:folder>" + folder + "</m:folder><m:mime>"
                + Base64.getEncoder().encodeToString(message(subject).getBytes(StandardCharsets.UTF_8)) + "</m:mime>");
        for (String flag : flags) {
            content.append("<m:flag>").append(flag).append("</m:flag>");
        }
        SoapResponse r = call("AppendMessage", content.toString());
        assertEquals(200, r.status(), r.body());
        return id(r, "//m:AppendMessageResponse/m:id");
    }

    private static String id(SoapResponse r, String path) throws Exception {
        return "<m:id><m:folder>" + r.text(path + "/m:folder") + "</m:folder><m:uidValidity>"
                + r.text(path + "/m:uidValidity") + "</m:uidValidity><m:uid>" + r.text(path + "/m:uid")
                + "</m:uid></m:id>";
    }

    private static void createFolder(String name) throws Exception {
        assertEquals(200, call("CreateFolder", "<m:name>" + name + "</m:name>").status());
    }

    @Test
    void appendStoresTheMessageWithItsFlagsAndArrivalTime() throws Exception {
        SoapResponse r = call("AppendMessage", "<m:folder>INBOX</m:folder><m:mime>" + Base64.getEncoder()
                .encodeToString(message("Appended").getBytes(StandardCharsets.UTF_8)) + "</m:mime><m:flag>\\Seen"
                + "</m:flag><m:flag>project-x</m:flag><m:receivedDate>2026-01-02T03:04:05.000Z</m:receivedDate>");
        assertEquals(200, r.status(), r.body());
        assertEquals("INBOX", r.text("//m:AppendMessageResponse/m:id/m:folder"));

        SoapResponse got = call("GetMessage", id(r, "//m:AppendMessageResponse/m:id"));
        assertEquals("Appended", got.text("//m:summary/m:subject"));
        assertEquals(List.of("\\Seen", "project-x"), got.texts("//m:summary/m:flag"));
        assertEquals("2026-01-02T03:04:05.000Z", got.text("//m:summary/m:receivedDate"));
    }

    @Test
    void appendOverMtomStreamsTheMessageAsAnAttachment() throws Exception {
        String boundary = "MIME_boundary_lemongate";
        String envelope = "<s:Envelope xmlns:s=\"" + SoapRequest.SOAP11 + "\" xmlns:m=\"" + SoapRequest.NS + "\">"
                + "<s:Body><m:AppendMessage><m:folder>INBOX</m:folder><m:mime><xop:Include xmlns:xop="
                + "\"http://www.w3.org/2004/08/xop/include\" href=\"cid:message@lemongate\"/></m:mime>"
                + "</m:AppendMessage></s:Body></s:Envelope>";
        String body = "--" + boundary + "\r\nContent-Type: application/xop+xml; charset=UTF-8; type=\"text/xml\"\r\n"
                + "Content-Transfer-Encoding: 8bit\r\nContent-ID: <root@lemongate>\r\n\r\n" + envelope + "\r\n--"
                + boundary + "\r\nContent-Type: message/rfc822\r\nContent-Transfer-Encoding: binary\r\n"
                + "Content-ID: <message@lemongate>\r\n\r\n" + message("Sent as MTOM") + "\r\n--" + boundary + "--\r\n";
        SoapResponse r = gateway.call(new SoapRequest("/soap/mail-mtom", "multipart/related; type=\"application/"
                + "xop+xml\"; boundary=\"" + boundary + "\"; start=\"<root@lemongate>\"; start-info=\"text/xml\"",
                Optional.of("\"urn:lemongate:mail:1#AppendMessage\""), body));
        assertEquals(200, r.status(), r.body());
        SoapResponse got = call("GetMessage", id(r, "//m:AppendMessageResponse/m:id"));
        assertEquals("Sent as MTOM", got.text("//m:summary/m:subject"), got.body());
    }

    @Test
    void somethingThatIsNotAMessageIsRefused() throws Exception {
        SoapResponse r = call("AppendMessage", "<m:folder>INBOX</m:folder><m:mime>" + Base64.getEncoder()
                .encodeToString("no header here".getBytes(StandardCharsets.UTF_8)) + "</m:mime>");
        assertEquals(500, r.status());
        assertEquals("INVALID_INPUT", r.text("//m:MailboxFaultDetail/m:code"), r.body());
    }

    @Test
    void setFlagsReportsEachMessagesFlagsAndFailuresOneByOne() throws Exception {
        String first = append("INBOX", "Flag me one");
        String second = append("INBOX", "Flag me two", "\\Seen");
        String missing = first.replaceFirst("<m:uid>\\d+</m:uid>", "<m:uid>99999</m:uid>");
        SoapResponse r = call("SetFlags", first + second + missing + "<m:add>\\Flagged</m:add><m:add>urgent</m:add>"
                + "<m:remove>\\Seen</m:remove>");
        assertEquals(200, r.status(), r.body());
        assertEquals(List.of("true", "true", "false"), r.texts("//m:SetFlagsResponse/m:result/m:succeeded"));
        assertEquals(List.of("\\Flagged", "urgent"), r.texts("//m:result[2]/m:flag"));
        assertEquals("NOT_FOUND", r.text("//m:result[3]/m:error/m:code"), r.body());
    }

    @Test
    void setFlagsRefusesAFlagClientsCannotSet() throws Exception {
        SoapResponse r = call("SetFlags", append("INBOX", "Recent") + "<m:add>\\Recent</m:add>");
        assertEquals("INVALID_INPUT", r.text("//m:MailboxFaultDetail/m:code"), r.body());
        assertEquals("add", r.text("//m:MailboxFaultDetail/m:field"));
    }

    @Test
    void copyAndMoveReturnTheNewIds() throws Exception {
        createFolder("Kept");
        String original = append("INBOX", "Copy and move");
        SoapResponse copied = call("CopyMessages", original + "<m:target>Kept</m:target>");
        assertEquals(200, copied.status(), copied.body());
        assertEquals("true", copied.text("//m:result/m:succeeded"));
        assertEquals("Kept", copied.text("//m:result/m:newId/m:folder"), copied.body());

        SoapResponse moved = call("MoveMessages", original + "<m:target>Kept</m:target>");
        assertEquals("true", moved.text("//m:result/m:succeeded"), moved.body());
        assertEquals("Kept", moved.text("//m:result/m:newId/m:folder"));
        assertEquals("NOT_FOUND", call("GetMessage", original).text("//m:MailboxFaultDetail/m:code"));
        assertEquals("Copy and move", call("GetMessage", id(moved, "//m:result/m:newId"))
                .text("//m:summary/m:subject"));
    }

    @Test
    void deleteMovesToTrashOrRemovesForGood() throws Exception {
        String toTrash = append("INBOX", "Into the trash");
        SoapResponse trashed = call("DeleteMessages", toTrash);
        assertEquals("true", trashed.text("//m:result/m:succeeded"), trashed.body());
        String inTrash = trashed.text("//m:result/m:newId/m:folder");
        assertFalse(inTrash.isEmpty(), trashed.body());

        String gone = append("INBOX", "Gone for good");
        SoapResponse removed = call("DeleteMessages", gone + "<m:permanent>true</m:permanent>");
        assertEquals("true", removed.text("//m:result/m:succeeded"), removed.body());
        assertEquals("", removed.text("//m:result/m:newId/m:folder"));
        assertEquals("NOT_FOUND", call("GetMessage", gone).text("//m:MailboxFaultDetail/m:code"));
    }

    @Test
    void emptyFolderRemovesEverythingAndCountsIt() throws Exception {
        createFolder("Scratch");
        append("Scratch", "One");
        append("Scratch", "Two");
        SoapResponse r = call("EmptyFolder", "<m:folder>Scratch</m:folder>");
        assertEquals(200, r.status(), r.body());
        assertEquals("2", r.text("//m:EmptyFolderResponse/m:removed"));
        assertEquals("0", call("ListMessages", "<m:folder>Scratch</m:folder>").text("//m:page/m:total"));
    }

    @Test
    void tooManyIdsInOneCallAreTooLarge() throws Exception {
        String id = append("INBOX", "Many");
        SoapResponse r = call("SetFlags", id.repeat(1001) + "<m:add>\\Seen</m:add>");
        assertEquals("TOO_LARGE", r.text("//m:MailboxFaultDetail/m:code"), r.body());
        assertTrue(r.text("//m:MailboxFaultDetail/m:message").contains("at most 1000"), r.body());
    }

    @Test
    void sendMessageSubmitsOverSmtpAndKeepsACopyInSent() throws Exception {
        SoapResponse r = call("SendMessage", "<m:mime>" + Base64.getEncoder()
                .encodeToString(message("Sent over SOAP").getBytes(StandardCharsets.UTF_8)) + "</m:mime>");
        assertEquals(200, r.status(), r.body());
        assertEquals(List.of("bob@example.org"), r.texts("//m:SendMessageResponse/m:result/m:recipient"));
        assertEquals("<Sent-over-SOAP@example.org>", r.text("//m:result/m:messageId"));
        assertTrue(gateway.greenMail().waitForIncomingEmail(5000, 1), "GreenMail's SMTP received it");
        assertEquals("Sent over SOAP", call("GetMessage", id(r, "//m:result/m:sentCopy"))
                .text("//m:summary/m:subject"));
    }
}

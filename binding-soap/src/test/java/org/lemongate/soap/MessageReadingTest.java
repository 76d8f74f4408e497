package org.lemongate.soap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ListMessages, SearchMessages, GetMessage, GetMessageMime and GetAttachment over GreenMail. */
class MessageReadingTest {

    @RegisterExtension
    static final SoapTestGateway gateway = SoapTestGateway.withGreenMail();

    private static String uidValidity;
    private static String lunchUid;
    private static String reportUid;

    @BeforeAll
    static void seed() throws Exception {
        gateway.deliver("/mailbox/INBOX/1-lunch.eml", "/mailbox/INBOX/2-report.eml");
        SoapResponse r = gateway.call(SoapRequest.soap11("ListMessages", "<m:folder>INBOX</m:folder>"));
        uidValidity = r.text("//m:message[m:subject='Lunch on Friday']/m:id/m:uidValidity");
        lunchUid = r.text("//m:message[m:subject='Lunch on Friday']/m:id/m:uid");
        reportUid = r.text("//m:message[m:subject='Quarterly report']/m:id/m:uid");
    }

    private static String id(String uid) {
        return id(uidValidity, uid);
    }

    private static String id(String validity, String uid) {
        return "<m:id><m:folder>INBOX</m:folder><m:uidValidity>" + validity + "</m:uidValidity><m:uid>" + uid
                + "</m:uid></m:id>";
    }

    @Test
    void listMessagesPagesNewestFirstWithATokenForTheNextPage() throws Exception {
        SoapResponse first = gateway.call(SoapRequest.soap11("ListMessages",
                "<m:folder>INBOX</m:folder><m:pageSize>1</m:pageSize>"));
        assertEquals(200, first.status(), first.body());
        assertEquals(List.of("Quarterly report"), first.texts("//m:page/m:message/m:subject"));
        assertEquals("2", first.text("//m:page/m:total"));
        assertEquals("Carol Chen", first.text("//m:message/m:from/m:name"));
        assertEquals("bob@example.org", first.text("//m:message/m:cc/m:email"));
        assertEquals("true", first.text("//m:message/m:hasAttachments"));
        assertEquals("2026-11-25T09:30:00.000Z", first.text("//m:message/m:sentDate"));
        assertTrue(first.text("//m:message/m:receivedDate").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"),
                "UTC with milliseconds: " + first.text("//m:message/m:receivedDate"));
        String token = first.text("//m:page/m:nextPageToken");
        assertTrue(!token.isEmpty(), first.body());

        SoapResponse second = gateway.call(SoapRequest.soap11("ListMessages",
                "<m:folder>INBOX</m:folder><m:pageSize>1</m:pageSize><m:pageToken>" + token + "</m:pageToken>"));
        assertEquals(List.of("Lunch on Friday"), second.texts("//m:page/m:message/m:subject"));
        assertEquals("", second.text("//m:page/m:nextPageToken"), "the last page has no token");
    }

    @Test
    void aForeignPageTokenIsAnInvalidInputFaultNamingTheCursor() throws Exception {
        SoapResponse r = gateway.call(SoapRequest.soap11("ListMessages",
                "<m:folder>INBOX</m:folder><m:pageToken>not-a-token</m:pageToken>"));
        assertEquals(500, r.status());
        assertTrue(r.text("//s11:Fault/faultcode").endsWith(":Client"), r.body());
        assertEquals("INVALID_INPUT", r.text("//m:MailboxFaultDetail/m:code"));
        assertEquals("cursor", r.text("//m:MailboxFaultDetail/m:field"));
    }

    @Test
    void searchMessagesMatchesOnSubject() throws Exception {
        SoapResponse r = gateway.call(SoapRequest.soap11("SearchMessages",
                "<m:folder>INBOX</m:folder><m:criteria><m:subject>lunch</m:subject></m:criteria>"));
        assertEquals(200, r.status(), r.body());
        assertEquals(List.of("Lunch on Friday"), r.texts("//m:page/m:message/m:subject"));
    }

    @Test
    void getMessageGivesTheSummaryAndTheMimeTree() throws Exception {
        SoapResponse r = gateway.call(SoapRequest.soap11("GetMessage", id(reportUid)));
        assertEquals(200, r.status(), r.body());
        assertEquals("Quarterly report", r.text("//m:message/m:summary/m:subject"));
        assertEquals("multipart/mixed", r.text("//m:message/m:structure/m:contentType"));
        assertEquals(List.of("text/plain", "application/octet-stream"),
                r.texts("//m:message/m:structure/m:part/m:contentType"));
        assertEquals("report.bin", r.text("//m:structure/m:part[m:partId='2']/m:filename"));
        assertEquals("true", r.text("//m:structure/m:part[m:partId='2']/m:attachment"));
        assertEquals("false", r.text("//m:structure/m:part[m:partId='1']/m:attachment"));
    }

    @Test
    void anIdFromAnotherUidValidityIsStale() throws Exception {
        long other = Long.parseLong(uidValidity) + 1;
        SoapResponse r = gateway.call(SoapRequest.soap11("GetMessage", id(Long.toString(other), lunchUid)));
        assertEquals(500, r.status());
        assertEquals("STALE_STATE", r.text("//m:MailboxFaultDetail/m:code"), r.body());
    }

    @Test
    void getMessageMimeGivesTheRawMessageAndResumesFromAnOffset() throws Exception {
        SoapResponse whole = gateway.call(SoapRequest.soap11("GetMessageMime", id(lunchUid)));
        assertEquals(200, whole.status(), whole.body());
        byte[] raw = Base64.getMimeDecoder().decode(whole.text("//m:content/m:data"));
        assertEquals(Long.parseLong(whole.text("//m:content/m:totalLength")), raw.length);
        assertEquals("message/rfc822", whole.text("//m:content/m:contentType"));
        // GreenMail reports RFC822.SIZE as the body's size, so on it the download stops short; the bytes it does
        // return are the message's own from the first header on.
        assertTrue(new String(raw, StandardCharsets.UTF_8).startsWith("From: Bob Baker <bob@e"));

        SoapResponse tail = gateway.call(SoapRequest.soap11("GetMessageMime",
                id(lunchUid) + "<m:offset>10</m:offset><m:length>8</m:length>"));
        assertEquals("10", tail.text("//m:content/m:offset"));
        assertArrayEquals(Arrays.copyOfRange(raw, 10, 18),
                Base64.getMimeDecoder().decode(tail.text("//m:content/m:data")));
    }

    @Test
    void getAttachmentGivesTheDecodedBytesAndRanges() throws Exception {
        byte[] expected = new byte[2048];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (byte) i;
        }
        SoapResponse r = gateway.call(SoapRequest.soap11("GetAttachment", id(reportUid) + "<m:partId>2</m:partId>"));
        assertEquals(200, r.status(), r.body());
        assertEquals("report.bin", r.text("//m:content/m:filename"));
        assertArrayEquals(expected, Base64.getMimeDecoder().decode(r.text("//m:content/m:data")));

        SoapResponse part = gateway.call(SoapRequest.soap11("GetAttachment",
                id(reportUid) + "<m:partId>2</m:partId><m:offset>2000</m:offset>"));
        assertArrayEquals(Arrays.copyOfRange(expected, 2000, 2048),
                Base64.getMimeDecoder().decode(part.text("//m:content/m:data")));
    }

    @Test
    void aMissingPartIsNotFoundAndAMalformedPartIdIsInvalid() throws Exception {
        SoapResponse missing = gateway.call(SoapRequest.soap11("GetAttachment", id(reportUid) + "<m:partId>7</m:partId>"));
        assertEquals("NOT_FOUND", missing.text("//m:MailboxFaultDetail/m:code"), missing.body());
        SoapResponse malformed = gateway.call(SoapRequest.soap11("GetAttachment",
                id(reportUid) + "<m:partId>2.x</m:partId>"));
        assertEquals("INVALID_INPUT", malformed.text("//m:MailboxFaultDetail/m:code"), malformed.body());
        assertEquals("partId", malformed.text("//m:MailboxFaultDetail/m:field"));
    }

    @Test
    void theMtomPortSendsContentAsAnAttachment() throws Exception {
        SoapRequest request = SoapRequest.soap11("GetAttachment", id(reportUid) + "<m:partId>2</m:partId>");
        SoapRequest mtom = new SoapRequest("/soap/mail-mtom", request.contentType(), request.soapActionHeader(),
                request.body());
        var response = gateway.post(mtom);
        assertEquals(200, response.statusCode());
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        assertTrue(contentType.startsWith("multipart/related") && contentType.contains("application/xop+xml"),
                contentType);
        String body = new String(response.body(), StandardCharsets.ISO_8859_1);
        assertTrue(body.contains("xop:Include") || body.contains(":Include "), body);
        byte[] expected = new byte[2048];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (byte) i;
        }
        assertTrue(body.contains(new String(expected, StandardCharsets.ISO_8859_1)),
                "the attachment part carries the raw bytes, not base64");
    }
}

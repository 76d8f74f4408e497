package org.lemongate.soap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Debian's python3-zeep, a real SOAP client, reads the served WSDL and calls the running gateway over SOAP 1.1, SOAP
 * 1.2 and the MTOM port. Without zeep the tests are skipped or fail as test-support's Interop policy says.
 */
class ZeepInteropTest {

    @RegisterExtension
    static final SoapTestGateway gateway = SoapTestGateway.withGreenMail();
    private static PythonClient zeep;

    @BeforeAll
    static void prepare() throws Exception {
        zeep = PythonClient.prepare("/interop/zeep_client.py", "zeep", "python3-zeep");
        gateway.deliver("/mailbox/INBOX/2-report.eml");
    }

    @AfterAll
    static void delete() throws Exception {
        if (zeep != null) {
            zeep.delete();
        }
    }

    private static String zeep(String port, String operation, String password, String arguments) throws Exception {
        return zeep.run(gateway.uri("/soap/mail?wsdl").toString(), SoapTestGateway.USER, password, port, operation,
                arguments);
    }

    @Test
    void getServiceInfoOverSoap11() throws Exception {
        String out = zeep("MailPort", "GetServiceInfo", SoapTestGateway.PASSWORD, "{}");
        assertTrue(out.contains("\"user\": \"" + SoapTestGateway.USER + "\""), out);
        assertTrue(out.contains("\"IMAP4REV1\""), out);
        assertTrue(out.contains("\"maxPageSize\": 500"), out);
    }

    @Test
    void getServiceInfoOverSoap12() throws Exception {
        String out = zeep("MailPort12", "GetServiceInfo", SoapTestGateway.PASSWORD, "{}");
        assertTrue(out.contains("\"user\": \"" + SoapTestGateway.USER + "\""), out);
    }

    @Test
    void getServiceInfoWithAUsernameToken() throws Exception {
        String out = zeep.run(gateway.uri("/soap/mail?wsdl").toString(), SoapTestGateway.USER,
                SoapTestGateway.PASSWORD, "MailPort", "GetServiceInfo", "{}", "wsse");
        assertTrue(out.contains("\"user\": \"" + SoapTestGateway.USER + "\""), out);
    }

    @Test
    void listFolders() throws Exception {
        String out = zeep("MailPort", "ListFolders", SoapTestGateway.PASSWORD, "{}");
        assertTrue(out.contains("\"name\": \"INBOX\", \"role\": \"INBOX\""), out);
    }

    @Test
    void aWrongPasswordIsTheTypedFault() throws Exception {
        String out = zeep("MailPort", "GetServiceInfo", "wrong", "{}");
        assertTrue(out.contains("\"code\": \"AUTH_FAILED\""), out);
    }

    @Test
    void anAttachmentArrivesAsAnMtomReply() throws Exception {
        SoapResponse list = gateway.call(SoapRequest.soap11("ListMessages", "<m:folder>INBOX</m:folder>"));
        String id = "{\"folder\": \"INBOX\", \"uidValidity\": " + list.text("//m:message/m:id/m:uidValidity")
                + ", \"uid\": " + list.text("//m:message/m:id/m:uid") + "}";
        String out = zeep("MailPortMtom", "GetAttachment", SoapTestGateway.PASSWORD,
                "{\"id\": " + id + ", \"partId\": \"2\"}");
        byte[] expected = new byte[2048];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (byte) i;
        }
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(expected));
        assertTrue(out.contains("\"length\": 2048, \"sha256\": \"" + sha + "\""), out);
        assertTrue(out.contains("\"filename\": \"report.bin\""), out);
    }

    @Test
    void aGzippedInlineMessageArrivesWhole() throws Exception {
        SoapResponse list = gateway.call(SoapRequest.soap11("ListMessages", "<m:folder>INBOX</m:folder>"));
        String validity = list.text("//m:message[m:subject='Quarterly report']/m:id/m:uidValidity");
        String uid = list.text("//m:message[m:subject='Quarterly report']/m:id/m:uid");
        SoapResponse plain = gateway.call(SoapRequest.soap11("GetMessageMime", "<m:id><m:folder>INBOX</m:folder>"
                + "<m:uidValidity>" + validity + "</m:uidValidity><m:uid>" + uid + "</m:uid></m:id>"));
        byte[] expected = java.util.Base64.getDecoder().decode(plain.text("//m:content/m:data"));
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(expected));
        // zeep (requests) accepts gzip, and this message's base64 is long enough to travel in base64 blocks
        String out = zeep("MailPort", "GetMessageMime", SoapTestGateway.PASSWORD, "{\"id\": {\"folder\": "
                + "\"INBOX\", \"uidValidity\": " + validity + ", \"uid\": " + uid + "}}");
        assertTrue(expected.length > 2048, "a message with a 2 KB attachment: " + expected.length);
        assertTrue(out.contains("\"data\": {\"length\": " + expected.length + ", \"sha256\": \"" + sha + "\"}"),
                out);
    }

    @Test
    void syncFolderGivesAStateThatLaterShowsANewMessage() throws Exception {
        String first = zeep("MailPort", "SyncFolder", SoapTestGateway.PASSWORD, "{\"folder\": \"INBOX\"}");
        String state = syncState(first);
        gateway.deliver("/mailbox/INBOX/1-lunch.eml");
        String next = zeep("MailPort", "SyncFolder", SoapTestGateway.PASSWORD,
                "{\"folder\": \"INBOX\", \"syncState\": \"" + state + "\"}");
        assertTrue(next.contains("\"subject\": \"Lunch on Friday\""), next);
        assertTrue(next.contains("\"more\": false"), next);
    }

    @Test
    void waitForChangesComesBackEmptyAfterItsHoldOverSoap12() throws Exception {
        String state = syncState(zeep("MailPort12", "SyncFolder", SoapTestGateway.PASSWORD, "{\"folder\": \"INBOX\"}"));
        String out = zeep("MailPort12", "WaitForChanges", SoapTestGateway.PASSWORD,
                "{\"folder\": \"INBOX\", \"syncState\": \"" + state + "\", \"maxWaitSeconds\": 1}");
        assertTrue(out.contains("\"added\": []") && out.contains("\"vanished\": []"), out);
        assertTrue(out.contains("\"syncState\": \""), out);
    }

    @Test
    void aDamagedSyncStateIsTheTypedFault() throws Exception {
        String out = zeep("MailPort", "WaitForChanges", SoapTestGateway.PASSWORD,
                "{\"folder\": \"INBOX\", \"syncState\": \"not-a-token\", \"maxWaitSeconds\": 1}");
        assertTrue(out.contains("\"code\": \"INVALID_INPUT\""), out);
    }

    private static String syncState(String zeepOutput) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"syncState\": \"([A-Za-z0-9_-]+)\"")
                .matcher(zeepOutput);
        assertTrue(m.find(), zeepOutput);
        return m.group(1);
    }
}

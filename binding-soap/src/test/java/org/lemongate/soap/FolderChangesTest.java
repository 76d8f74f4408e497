package org.lemongate.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** CreateFolder, RenameFolder and DeleteFolder over GreenMail. */
class FolderChangesTest {

    @RegisterExtension
    static final SoapTestGateway gateway = SoapTestGateway.withGreenMail();

    private static SoapResponse call(String operation, String content) throws Exception {
        return gateway.call(SoapRequest.soap11(operation, content));
    }

    @Test
    void createRenameAndDeleteANestedFolderWithANonAsciiName() throws Exception {
        SoapResponse created = call("CreateFolder", "<m:name>Projects/Été 2026</m:name>");
        assertEquals(200, created.status(), created.body());
        assertEquals("Projects/Été 2026", created.text("//m:CreateFolderResponse/m:folder/m:name"));
        assertTrue(call("ListFolders", "").texts("//m:folder/m:name").contains("Projects/Été 2026"));

        SoapResponse renamed = call("RenameFolder", "<m:name>Projects/Été 2026</m:name><m:newName>Projects/Automne"
                + "</m:newName>");
        assertEquals(200, renamed.status(), renamed.body());
        assertEquals("Projects/Automne", renamed.text("//m:RenameFolderResponse/m:folder/m:name"));
        assertEquals("NOT_FOUND", call("GetFolder", "<m:name>Projects/Été 2026</m:name>")
                .text("//m:MailboxFaultDetail/m:code"));

        SoapResponse deleted = call("DeleteFolder", "<m:name>Projects/Automne</m:name>");
        assertEquals(200, deleted.status(), deleted.body());
        assertEquals("NOT_FOUND", call("GetFolder", "<m:name>Projects/Automne</m:name>")
                .text("//m:MailboxFaultDetail/m:code"));
    }

    @Test
    void creatingAnExistingFolderIsAlreadyExists() throws Exception {
        call("CreateFolder", "<m:name>Twice</m:name>");
        SoapResponse again = call("CreateFolder", "<m:name>Twice</m:name>");
        assertEquals(500, again.status());
        assertTrue(again.text("//s11:Fault/faultcode").endsWith(":Client"), again.body());
        assertEquals("ALREADY_EXISTS", again.text("//m:MailboxFaultDetail/m:code"));
    }

    @Test
    void aMalformedNameIsInvalidInputNamingTheElement() throws Exception {
        SoapResponse r = call("CreateFolder", "<m:name>Projects//Q1</m:name>");
        assertEquals("INVALID_INPUT", r.text("//m:MailboxFaultDetail/m:code"), r.body());
        assertEquals("name", r.text("//m:MailboxFaultDetail/m:field"));
        assertTrue(r.text("//m:MailboxFaultDetail/m:message").contains("'//'"), r.body());
    }

    @Test
    void theInboxCannotBeDeleted() throws Exception {
        SoapResponse r = call("DeleteFolder", "<m:name>INBOX</m:name>");
        assertEquals(500, r.status());
        assertTrue(r.text("//s11:Fault/faultcode").endsWith(":Client"), r.body());
        assertTrue(call("ListFolders", "").texts("//m:folder/m:name").contains("INBOX"));
    }
}

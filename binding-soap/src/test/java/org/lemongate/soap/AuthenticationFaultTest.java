package org.lemongate.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lemongate.mapping.BasicAuthorization;

/** How a request without, with malformed or with wrong credentials is answered. */
class AuthenticationFaultTest {

    @RegisterExtension
    static final SoapTestGateway gateway = SoapTestGateway.withGreenMail();

    @Test
    void missingCredentialsGetAChallengeAndATypedClientFault() throws Exception {
        SoapResponse r = gateway.call(SoapRequest.soap11("GetServiceInfo", ""), null);
        assertEquals(401, r.status());
        assertEquals(BasicAuthorization.CHALLENGE, r.header("WWW-Authenticate"));
        assertTrue(r.text("//s11:Fault/faultcode").endsWith(":Client"), r.body());
        assertEquals("AUTH_FAILED", r.text("//s11:Fault/detail/m:MailboxFaultDetail/m:code"));
        assertEquals("false", r.text("//m:MailboxFaultDetail/m:retryable"));
        assertTrue(r.text("//m:MailboxFaultDetail/m:message").contains("HTTP Basic"), r.body());
    }

    @Test
    void missingCredentialsOverSoap12AreASenderFault() throws Exception {
        SoapResponse r = gateway.call(SoapRequest.soap12("ListFolders", ""), null);
        assertEquals(401, r.status());
        assertTrue(r.text("//s12:Fault/s12:Code/s12:Value").endsWith(":Sender"), r.body());
        assertEquals("AUTH_FAILED", r.text("//s12:Fault/s12:Detail/m:MailboxFaultDetail/m:code"));
    }

    @Test
    void wrongPasswordIsAnAuthFailedFaultWithStatus500() throws Exception {
        SoapResponse r = gateway.call(SoapRequest.soap11("ListFolders", ""),
                SoapTestGateway.basic(SoapTestGateway.USER, "not-the-password"));
        assertEquals(500, r.status());
        assertEquals(null, r.header("WWW-Authenticate"));
        assertTrue(r.text("//s11:Fault/faultcode").endsWith(":Client"), r.body());
        assertEquals("AUTH_FAILED", r.text("//m:MailboxFaultDetail/m:code"));
        assertTrue(!r.body().contains("not-the-password"), "the password is never echoed");
    }

    @Test
    void anUnsupportedSchemeIsNamedInTheFault() throws Exception {
        SoapResponse r = gateway.call(SoapRequest.soap11("GetServiceInfo", ""), "Digest username=\"ann\"");
        assertEquals(500, r.status());
        assertEquals("AUTH_FAILED", r.text("//m:MailboxFaultDetail/m:code"));
        assertTrue(r.text("//m:MailboxFaultDetail/m:message").contains("'digest'"), r.body());
    }
}

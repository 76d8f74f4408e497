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

    private static SoapRequest withUsernameToken(String user, String password, String type) {
        String envelope = "<s:Envelope xmlns:s=\"" + SoapRequest.SOAP11 + "\" xmlns:m=\"" + SoapRequest.NS + "\">"
                + "<s:Header><wsse:Security s:mustUnderstand=\"1\" xmlns:wsse=\"" + UsernameToken.WSSE + "\">"
                + "<wsse:UsernameToken><wsse:Username>" + user + "</wsse:Username><wsse:Password Type=\"" + type
                + "\">" + password + "</wsse:Password></wsse:UsernameToken></wsse:Security></s:Header>"
                + "<s:Body><m:GetServiceInfo/></s:Body></s:Envelope>";
        return SoapRequest.raw11("GetServiceInfo", envelope);
    }

    @Test
    void aUsernameTokenWithPasswordTextAuthenticatesWithoutHttpBasic() throws Exception {
        SoapResponse r = gateway.call(withUsernameToken(SoapTestGateway.USER, SoapTestGateway.PASSWORD,
                UsernameToken.PASSWORD_TEXT), null);
        assertEquals(200, r.status(), r.body());
        assertEquals(SoapTestGateway.USER, r.text("//m:serviceInfo/m:user"));
    }

    @Test
    void aUsernameTokenWithTheWrongPasswordIsAuthFailedWithoutAChallenge() throws Exception {
        SoapResponse r = gateway.call(withUsernameToken(SoapTestGateway.USER, "wrong", UsernameToken.PASSWORD_TEXT),
                null);
        assertEquals(500, r.status());
        assertEquals(null, r.header("WWW-Authenticate"));
        assertEquals("AUTH_FAILED", r.text("//m:MailboxFaultDetail/m:code"), r.body());
    }

    @Test
    void aPasswordDigestIsRefusedWithTheReason() throws Exception {
        SoapResponse r = gateway.call(withUsernameToken(SoapTestGateway.USER, "bm90IGEgZGlnZXN0",
                UsernameToken.PASSWORD_TEXT.replace("#PasswordText", "#PasswordDigest")), null);
        assertEquals("AUTH_FAILED", r.text("//m:MailboxFaultDetail/m:code"), r.body());
        assertTrue(r.text("//m:MailboxFaultDetail/m:message").contains("PasswordText"), r.body());
    }
}

package org.lemongate.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The connector's failed-login limiter reaches SOAP clients as a retryable Client fault with a delay. */
class FailedLoginLimitTest {

    @RegisterExtension
    static final SoapTestGateway gateway = SoapTestGateway.withGreenMail();

    @Test
    void repeatedWrongPasswordsAreRateLimitedWithRetryAdvice() throws Exception {
        SoapResponse r = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            r = gateway.call(SoapRequest.soap11("GetServiceInfo", ""),
                    SoapTestGateway.basic(SoapTestGateway.USER, "guess-" + attempt));
            if ("RATE_LIMITED".equals(r.text("//m:MailboxFaultDetail/m:code"))) {
                break;
            }
            assertEquals("AUTH_FAILED", r.text("//m:MailboxFaultDetail/m:code"), r.body());
        }
        assertEquals("RATE_LIMITED", r.text("//m:MailboxFaultDetail/m:code"), r.body());
        assertEquals(500, r.status());
        assertTrue(r.text("//s11:Fault/faultcode").endsWith(":Client"), r.body());
        assertEquals("true", r.text("//m:MailboxFaultDetail/m:retryable"));
        assertTrue(Long.parseLong(r.text("//m:MailboxFaultDetail/m:retryAfterSeconds")) >= 1, r.body());
    }
}

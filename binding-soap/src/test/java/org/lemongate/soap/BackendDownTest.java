package org.lemongate.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An IMAP server that cannot be reached is a retryable Server fault, answered promptly. */
class BackendDownTest {

    @RegisterExtension
    static final SoapTestGateway gateway = SoapTestGateway.withoutBackend();

    @Test
    void unreachableServerIsARetryableServerFault() throws Exception {
        long started = System.nanoTime();
        SoapResponse r = gateway.call(SoapRequest.soap11("ListFolders", ""));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertEquals(500, r.status());
        assertTrue(r.text("//s11:Fault/faultcode").endsWith(":Server"), r.body());
        assertEquals("BACKEND_UNAVAILABLE", r.text("//m:MailboxFaultDetail/m:code"));
        assertEquals("true", r.text("//m:MailboxFaultDetail/m:retryable"));
        assertTrue(Long.parseLong(r.text("//m:MailboxFaultDetail/m:retryAfterSeconds")) >= 1, r.body());
        assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "answered in " + took);
    }

    @Test
    void overSoap12ItIsAReceiverFault() throws Exception {
        SoapResponse r = gateway.call(SoapRequest.soap12("GetServiceInfo", ""));
        assertEquals(500, r.status());
        assertTrue(r.text("//s12:Fault/s12:Code/s12:Value").endsWith(":Receiver"), r.body());
        assertEquals("BACKEND_UNAVAILABLE", r.text("//m:MailboxFaultDetail/m:code"));
    }
}

package org.lemongate.soap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Debian's python3-suds over SOAP 1.1. Suds sends credentials only after a 401 challenge, so these calls also prove
 * the challenge for requests without credentials.
 */
class SudsInteropTest {

    @RegisterExtension
    static final SoapTestGateway gateway = SoapTestGateway.withGreenMail();
    private static PythonClient suds;

    @BeforeAll
    static void prepare() throws Exception {
        suds = PythonClient.prepare("/interop/suds_client.py", "suds", "python3-suds");
    }

    @AfterAll
    static void delete() throws Exception {
        if (suds != null) {
            suds.delete();
        }
    }

    @Test
    void getServiceInfo() throws Exception {
        String out = suds.run(gateway.uri("/soap/mail?wsdl").toString(), SoapTestGateway.USER,
                SoapTestGateway.PASSWORD, "GetServiceInfo");
        assertTrue(out.contains("'user': 'ann'") || out.contains("\"user\": \"ann\""), out);
    }

    @Test
    void listFolders() throws Exception {
        String out = suds.run(gateway.uri("/soap/mail?wsdl").toString(), SoapTestGateway.USER,
                SoapTestGateway.PASSWORD, "ListFolders");
        assertTrue(out.contains("INBOX"), out);
    }

    @Test
    void aWrongPasswordIsTheTypedFault() throws Exception {
        String out = suds.run(gateway.uri("/soap/mail?wsdl").toString(), SoapTestGateway.USER, "wrong",
                "GetServiceInfo");
        assertTrue(out.contains("\"code\": \"AUTH_FAILED\""), out);
    }
}

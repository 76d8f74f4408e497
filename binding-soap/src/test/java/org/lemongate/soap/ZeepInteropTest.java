package org.lemongate.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lemongate.testsupport.Interop;

/**
 * Debian's python3-zeep, a real SOAP client, reads the served WSDL and calls the running gateway. Without zeep the
 * test is skipped or fails as the {@link Interop} policy says.
 */
class ZeepInteropTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    @RegisterExtension
    static final SoapTestGateway gateway = SoapTestGateway.withGreenMail();
    private static Path script;

    @BeforeAll
    static void start() throws Exception {
        Interop.requireFile(PYTHON, "python3", "zeep");
        Interop.requireFile(Path.of("/usr/lib/python3/dist-packages/zeep/__init__.py"), "python3-zeep", "zeep");
        script = Files.createTempFile("lemongate-zeep-", ".py");
        try (var in = ZeepInteropTest.class.getResourceAsStream("/interop/zeep_client.py")) {
            Files.write(script, in.readAllBytes());
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (script != null) {
            Files.deleteIfExists(script);
        }
    }

    @Test
    void zeepCallsGetServiceInfoOverSoap11() throws Exception {
        String out = zeep("MailPort", "GetServiceInfo", SoapTestGateway.PASSWORD);
        assertTrue(out.contains("\"user\": \"" + SoapTestGateway.USER + "\""), out);
        assertTrue(out.contains("\"IMAP4REV1\""), out);
        assertTrue(out.contains("\"maxPageSize\": 500"), out);
    }

    @Test
    void zeepCallsGetServiceInfoOverSoap12() throws Exception {
        String out = zeep("MailPort12", "GetServiceInfo", SoapTestGateway.PASSWORD);
        assertTrue(out.contains("\"user\": \"" + SoapTestGateway.USER + "\""), out);
    }

    @Test
    void zeepListsFolders() throws Exception {
        String out = zeep("MailPort", "ListFolders", SoapTestGateway.PASSWORD);
        assertTrue(out.contains("\"name\": \"INBOX\", \"role\": \"INBOX\""), out);
    }

    @Test
    void zeepSeesTheTypedFaultForAWrongPassword() throws Exception {
        String out = zeep("MailPort", "GetServiceInfo", "wrong");
        assertTrue(out.contains("\"code\": \"AUTH_FAILED\""), out);
    }

    private static String zeep(String port, String operation, String password) throws Exception {
        Process p = new ProcessBuilder(List.of(PYTHON.toString(), script.toString(),
                gateway.uri("/soap/mail?wsdl").toString(), SoapTestGateway.USER, password, port, operation))
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "zeep finished in time");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}

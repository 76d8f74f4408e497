package org.lemongate.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Debian's python3-zeep, a real SOAP client, reads the served WSDL and calls the running gateway. Without zeep the
 * test is skipped with a message, unless {@code -Dlemongate.interop=required} (CI), which makes it fail instead.
 */
class ZeepInteropTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    @RegisterExtension
    static final SoapTestGateway gateway = SoapTestGateway.withGreenMail();
    private static Path script;

    @BeforeAll
    static void start() throws Exception {
        boolean zeep = zeepInstalled();
        if (!zeep && "required".equals(System.getProperty("lemongate.interop"))) {
            throw new IllegalStateException("lemongate.interop=required but python3-zeep is not installed "
                    + "(apt-get install python3-zeep)");
        }
        assumeTrue(zeep, "python3-zeep is not installed (apt-get install python3-zeep); skipping the zeep interop "
                + "test. Set -Dlemongate.interop=required to make this a failure.");
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

    private static boolean zeepInstalled() throws IOException, InterruptedException {
        if (!Files.isExecutable(PYTHON)) {
            return false;
        }
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import zeep").redirectErrorStream(true).start();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}

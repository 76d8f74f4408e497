package org.lemongate.soap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lemongate.testsupport.Interop;

/**
 * gSOAP: wsdl2h reads the WSDL the gateway serves, soapcpp2 generates the C++ proxy, g++ builds a small client
 * ({@code /interop/gsoap/mail_client.cpp}) that lists folders and fetches a message, and it runs against the gateway.
 */
class GsoapInteropTest {

    @RegisterExtension
    static final SoapTestGateway gateway = SoapTestGateway.withGreenMail();
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    static Path work;
    private static Path client;

    @BeforeAll
    static void build() throws Exception {
        Path wsdl2h = Interop.requireCommand("wsdl2h", "gsoap");
        Path soapcpp2 = Interop.requireCommand("soapcpp2", "gsoap");
        Path gpp = Interop.requireCommand("g++", "g++");
        Interop.requireFile(Path.of("/usr/include/stdsoap2.h"), "libgsoap-dev", "gsoap");
        copy("typemap.dat");
        copy("mail_client.cpp");

        Commands.run(work, BUILD_TIMEOUT, List.of(wsdl2h.toString(), "-t", "typemap.dat", "-o", "mail.h",
                gateway.uri("/soap/mail?wsdl").toString()));
        // -1: the WSDL also has a SOAP 1.2 binding, and this client talks SOAP 1.1 to the default port.
        Commands.run(work, BUILD_TIMEOUT, List.of(soapcpp2.toString(), "-1", "-j", "-C", "-x", "-L",
                "-I/usr/share/gsoap/import", "mail.h"));
        Commands.run(work, BUILD_TIMEOUT, List.of(gpp.toString(), "-o", "mail_client", "mail_client.cpp", "soapC.cpp",
                "soapMailBindingProxy.cpp", "-lgsoap++"));
        client = work.resolve("mail_client");
        gateway.deliver("/mailbox/INBOX/2-report.eml");
    }

    private static void copy(String name) throws Exception {
        try (InputStream in = GsoapInteropTest.class.getResourceAsStream("/interop/gsoap/" + name)) {
            Files.copy(in, work.resolve(name));
        }
    }

    @Test
    void theGeneratedClientListsFoldersAndFetchesAMessage() throws Exception {
        String out = Commands.run(work, Duration.ofSeconds(30), List.of(client.toString(),
                gateway.uri("/soap/mail").toString(), SoapTestGateway.USER, SoapTestGateway.PASSWORD));
        assertTrue(out.contains("folder INBOX\n"), out);
        assertTrue(out.contains("subject Quarterly report\n"), out);
        assertTrue(out.contains("part 2 application/octet-stream\n"), out);
    }

    @Test
    void theGeneratedClientReadsTheTypedFault() throws Exception {
        Process p = new ProcessBuilder(client.toString(), gateway.uri("/soap/mail").toString(), SoapTestGateway.USER,
                "wrong").redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(out.contains("fault AUTH_FAILED the IMAP server rejected the user name or password"), out);
    }
}

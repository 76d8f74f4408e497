package org.lemongate.mapping.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A self-signed certificate for 127.0.0.1 and localhost, made with the JDK's keytool: a PKCS#12 key store for test
 * servers and a trust store holding only that certificate, for the gateway's {@code trustStore} setting.
 *
 * @param keyStore   the server's key and certificate (password {@value #KEY_PASSWORD})
 * @param trustStore the certificate alone (password {@value #TRUST_PASSWORD})
 */
record TestCertificate(Path keyStore, Path trustStore) {

    static final String KEY_PASSWORD = "changeit";
    static final String TRUST_PASSWORD = "trustpass";

    private static TestCertificate shared;

    /**
     * The one certificate of this JVM's tests. One, because GreenMail loads its key store once per JVM: a second
     * certificate would never be presented, and a test trusting it would fail or pass depending on test order.
     */
    static synchronized TestCertificate shared() throws IOException, InterruptedException {
        if (shared == null) {
            Path dir = Files.createTempDirectory("lemongate-test-certificate");
            shared = create(dir);
            for (Path p : new Path[] {dir.resolve("server.crt"), shared.keyStore, shared.trustStore, dir}) {
                p.toFile().deleteOnExit();
            }
        }
        return shared;
    }

    private static TestCertificate create(Path dir) throws IOException, InterruptedException {
        Path keyStore = dir.resolve("server.p12");
        Path trustStore = dir.resolve("trust.p12");
        Path cert = dir.resolve("server.crt");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", KEY_PASSWORD, "-keypass", KEY_PASSWORD);
        keytool("-exportcert", "-alias", "server", "-keystore", keyStore.toString(), "-storepass", KEY_PASSWORD,
                "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", trustStore.toString(), "-storepass", TRUST_PASSWORD);
        return new TestCertificate(keyStore, trustStore);
    }

    /** Makes GreenMail servers started from now on in this JVM present this certificate. */
    void useForGreenMail() {
        System.setProperty("greenmail.tls.keystore.file", keyStore.toString());
        System.setProperty("greenmail.tls.keystore.password", KEY_PASSWORD);
        System.setProperty("greenmail.tls.key.password", KEY_PASSWORD);
    }

    /** Undoes {@link #useForGreenMail()}. */
    static void forgetForGreenMail() {
        System.clearProperty("greenmail.tls.keystore.file");
        System.clearProperty("greenmail.tls.keystore.password");
        System.clearProperty("greenmail.tls.key.password");
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "keytool failed: " + out);
    }
}

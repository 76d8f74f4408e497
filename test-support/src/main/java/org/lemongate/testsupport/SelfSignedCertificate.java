package org.lemongate.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway certificate for {@code localhost} and {@code 127.0.0.1}, made by the openssl command (Java has no
 * public API to sign one), as PEM files a TLS server reads, and an {@link SSLContext} that trusts exactly it.
 *
 * @param certificateFile the PEM certificate
 * @param keyFile the PEM private key, unencrypted
 */
record SelfSignedCertificate(Path certificateFile, Path keyFile) {

    private static final Duration OPENSSL_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Generates a new key and certificate in {@code directory}. Skips or fails the calling test, per the
     * {@link Interop} policy, when openssl is not installed.
     */
    static SelfSignedCertificate generate(Path directory) {
        Path openssl = Interop.requireCommand("openssl", "openssl");
        SelfSignedCertificate certificate = new SelfSignedCertificate(directory.resolve("cert.pem"),
                directory.resolve("key.pem"));
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + directory, e);
        }
        ShortCommand.Result result = ShortCommand.run(List.of(openssl.toString(), "req", "-x509",
                        "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                        "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                        "-keyout", certificate.keyFile.toString(), "-out", certificate.certificateFile.toString()),
                Map.of(), null, directory, OPENSSL_TIMEOUT);
        if (!result.succeeded()) {
            throw new IllegalStateException("openssl could not make a certificate:\n" + result.output());
        }
        return certificate;
    }

    /** A TLS client context that trusts this certificate and nothing else. */
    SSLContext clientContext() {
        try (InputStream pem = Files.newInputStream(certificateFile)) {
            Certificate certificate = CertificateFactory.getInstance("X.509").generateCertificate(pem);
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("nginx", certificate);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + certificateFile, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot trust " + certificateFile, e);
        }
    }
}

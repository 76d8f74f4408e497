package org.lemongate.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The embedded server's TLS: its key and certificate chain from PEM files or a PKCS#12 key store, TLS 1.2 and 1.3
 * only, and forward-secret AEAD cipher suites only (which are also the ones HTTP/2 accepts).
 */
final class TlsContext {

    /** The protocol versions offered; older ones have known weaknesses and browsers dropped them in 2020. */
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private static final Set<String> CIPHER_SUITES = Set.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
    private static final String ALIAS = "lemongate";

    private TlsContext() {
    }

    /**
     * Loads the key material of an enabled {@link ServerTls}.
     *
     * @throws ConfigException naming the file and what is wrong with it
     */
    static SSLContext load(ServerTls tls) {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            if (tls.keyStore().isPresent()) {
                char[] password = tls.keyStorePassword().orElseThrow().toCharArray();
                keys.init(pkcs12(tls.keyStore().get(), password), password);
            } else {
                char[] transientPassword = Long.toHexString(new SecureRandom().nextLong()).toCharArray();
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                List<X509Certificate> chain = certificates(tls.certificate().orElseThrow());
                PrivateKey key = privateKey(tls.key().orElseThrow());
                checkPair(key, chain.get(0), tls.key().get());
                store.setKeyEntry(ALIAS, key, transientPassword, chain.toArray(Certificate[]::new));
                keys.init(store, transientPassword);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigException("cannot set up HTTPS: " + e.getMessage());
        }
    }

    /** The cipher suites of {@link #CIPHER_SUITES} this JVM supports, in its order of preference. */
    static List<String> cipherSuites(SSLContext context) {
        return Arrays.stream(context.getSupportedSSLParameters().getCipherSuites())
                .filter(CIPHER_SUITES::contains).toList();
    }

    private static KeyStore pkcs12(Path file, char[] password) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        } catch (IOException e) {
            throw new ConfigException("cannot read the key store " + file
                    + ": not PKCS#12, unreadable, or the password is wrong");
        }
        return store;
    }

    private static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (Object o : pemObjects(file)) {
            if (o instanceof X509CertificateHolder holder) {
                chain.add(converter.getCertificate(holder));
            }
        }
        if (chain.isEmpty()) {
            throw new ConfigException("tls-cert " + file + " holds no PEM certificate (BEGIN CERTIFICATE)");
        }
        return chain;
    }

    private static PrivateKey privateKey(Path file) throws IOException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        for (Object o : pemObjects(file)) {
            if (o instanceof PrivateKeyInfo pkcs8) {
                return converter.getPrivateKey(pkcs8);
            }
            if (o instanceof PEMKeyPair traditional) {
                // The private key alone: SEC1 EC keys may leave out the public point.
                return converter.getPrivateKey(traditional.getPrivateKeyInfo());
            }
        }
        throw new ConfigException("tls-key " + file + " holds no unencrypted PEM private key (BEGIN PRIVATE KEY, "
                + "BEGIN RSA PRIVATE KEY or BEGIN EC PRIVATE KEY); decrypt it first, e.g. with openssl pkey");
    }

    private static List<Object> pemObjects(Path file) throws IOException {
        List<Object> objects = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(in)) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                objects.add(o);
            }
        } catch (NoSuchFileException e) {
            throw new ConfigException("cannot read " + file + ": no such file");
        }
        return objects;
    }

    /** Refuses a key that does not belong to the certificate, which would otherwise fail only at the first client. */
    private static void checkPair(PrivateKey key, X509Certificate leaf, Path keyFile) throws GeneralSecurityException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> throw new ConfigException("tls-key " + keyFile + " is a " + key.getAlgorithm()
                    + " key; use RSA or EC");
        };
        byte[] probe = "lemongate key check".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(leaf.getPublicKey());
        verifier.update(probe);
        if (!verifier.verify(signature)) {
            throw new ConfigException("tls-key " + keyFile + " does not belong to the first certificate of tls-cert");
        }
    }
}

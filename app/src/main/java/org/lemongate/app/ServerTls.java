package org.lemongate.app;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * HTTPS of the self-contained jar: a PEM certificate chain and key, or a PKCS#12 key store; off when neither is
 * given (the demo's plain HTTP on localhost). {@link #toString()} leaves the password out.
 *
 * @param certificate      PEM certificate chain, leaf first
 * @param key              PEM private key of the leaf
 * @param keyStore         PKCS#12 key store with one key entry
 * @param keyStorePassword its password
 * @param redirectPort     a plain-HTTP port that redirects to HTTPS (0 picks a free one)
 */
record ServerTls(Optional<Path> certificate, Optional<Path> key, Optional<Path> keyStore,
                 Optional<String> keyStorePassword, Optional<Integer> redirectPort) {

    /** @throws ConfigException when the settings do not form one whole key source */
    ServerTls {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(keyStorePassword, "keyStorePassword");
        Objects.requireNonNull(redirectPort, "redirectPort");
        if (certificate.isPresent() != key.isPresent()) {
            throw new ConfigException("tls-cert and tls-key go together: give both, or tls-keystore instead");
        }
        if (keyStore.isPresent() && certificate.isPresent()) {
            throw new ConfigException("give either tls-cert and tls-key or tls-keystore, not both");
        }
        if (keyStore.isPresent() != keyStorePassword.isPresent()) {
            throw new ConfigException("tls-keystore and tls-keystore-password go together");
        }
        if (redirectPort.isPresent() && certificate.isEmpty() && keyStore.isEmpty()) {
            throw new ConfigException("http-redirect-port needs HTTPS: set tls-cert and tls-key, or tls-keystore");
        }
    }

    /** Whether the embedded server speaks HTTPS. */
    boolean enabled() {
        return certificate.isPresent() || keyStore.isPresent();
    }

    @Override
    public String toString() {
        return "ServerTls[certificate=" + certificate + ", key=" + key + ", keyStore=" + keyStore
                + ", keyStorePassword=" + keyStorePassword.map(p -> "***") + ", redirectPort=" + redirectPort + "]";
    }
}

package org.lemongate.mapping;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A user's credentials for one request, passed through to IMAP and SMTP and never stored or logged.
 * {@link #toString()} leaves the secret out.
 *
 * @param user          the login name
 * @param secret        the password, or the bearer token for {@link Kind#BEARER}
 * @param kind          how the secret authenticates
 * @param clientAddress the address of the HTTP client (for the failed-login limiter), or an empty string
 */
public record Credentials(String user, String secret, Kind kind, String clientAddress) {

    /** How the secret is presented to the servers. */
    public enum Kind {
        /** IMAP LOGIN / AUTHENTICATE PLAIN and SMTP AUTH with user and password. */
        PASSWORD,
        /** An OAuth 2.0 bearer token, presented as XOAUTH2. */
        BEARER
    }

    /** Longest user name accepted. */
    public static final int MAX_USER = 256;
    /** Longest secret accepted. */
    public static final int MAX_SECRET = 4096;

    public Credentials {
        Text.clean("user", user, MAX_USER);
        if (user.isEmpty()) {
            throw new MailException.AuthFailed("the user name is empty");
        }
        if (secret == null || secret.isEmpty()) {
            throw new MailException.AuthFailed("the password is empty");
        }
        if (secret.length() > MAX_SECRET || secret.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            throw new MailException.AuthFailed("the password is longer than " + MAX_SECRET
                    + " characters or contains CR, LF or NUL");
        }
        Objects.requireNonNull(kind, "kind");
        clientAddress = clientAddress == null ? "" : clientAddress;
    }

    /** Password credentials. */
    public static Credentials password(String user, String password, String clientAddress) {
        return new Credentials(user, password, Kind.PASSWORD, clientAddress);
    }

    /**
     * A SHA-256 of user, kind and secret, hex encoded: the key under which pooled connections are kept, so that a
     * connection is only ever reused by a request presenting the very secret it was opened with.
     */
    public String poolKey() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(user.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(kind.name().getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) 0);
            sha.update(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "Credentials[user=" + user + ", kind=" + kind + ", clientAddress=" + clientAddress + "]";
    }
}

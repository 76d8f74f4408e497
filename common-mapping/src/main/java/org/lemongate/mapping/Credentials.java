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
 * <p>A value class rather than a record only so that it can keep its {@link #poolKey()} once computed: a REST
 * request looks its pool key up three or four times (login, the pool's checks, the lease), and the key lives no
 * longer than the credentials it belongs to (ADR 0082). Equality is that of the four values.
 */
public final class Credentials {

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

    private final String user;
    private final String secret;
    private final Kind kind;
    private final String clientAddress;
    /** Computed on first use; a race computes the same value twice, which is harmless. */
    private volatile String poolKey;

    /**
     * @param user          the login name
     * @param secret        the password, or the bearer token for {@link Kind#BEARER}
     * @param kind          how the secret authenticates
     * @param clientAddress the address of the HTTP client (for the failed-login limiter), or null or empty
     * @throws MailException.AuthFailed when the user name or secret is empty, too long or holds CR, LF or NUL
     */
    public Credentials(String user, String secret, Kind kind, String clientAddress) {
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
        this.user = user;
        this.secret = secret;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.clientAddress = clientAddress == null ? "" : clientAddress;
    }

    /** Password credentials. */
    public static Credentials password(String user, String password, String clientAddress) {
        return new Credentials(user, password, Kind.PASSWORD, clientAddress);
    }

    /** The login name. */
    public String user() {
        return user;
    }

    /** The password, or the bearer token for {@link Kind#BEARER}. */
    public String secret() {
        return secret;
    }

    /** How the secret authenticates. */
    public Kind kind() {
        return kind;
    }

    /** The address of the HTTP client, or an empty string. */
    public String clientAddress() {
        return clientAddress;
    }

    /**
     * A SHA-256 of user, kind and secret, hex encoded: the key under which pooled connections are kept, so that a
     * connection is only ever reused by a request presenting the very secret it was opened with.
     */
    public String poolKey() {
        String key = poolKey;
        if (key == null) {
            key = digest(user, kind, secret);
            poolKey = key;
        }
        return key;
    }

    private static String digest(String user, Kind kind, String secret) {
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
    public boolean equals(Object o) {
        return o instanceof Credentials c && user.equals(c.user) && secret.equals(c.secret) && kind == c.kind
                && clientAddress.equals(c.clientAddress);
    }

    @Override
    public int hashCode() {
        return Objects.hash(user, secret, kind, clientAddress);
    }

    @Override
    public String toString() {
        return "Credentials[user=" + user + ", kind=" + kind + ", clientAddress=" + clientAddress + "]";
    }
}

package org.lemongate.app;

import java.util.Locale;
import java.util.Optional;

/**
 * Every configuration key of the gateway, with what {@code --help} and the README say about it. The same name is
 * used as CLI flag ({@code --port}), properties-file key ({@code port}), servlet context parameter
 * ({@code lemongate.port}) and, upper-cased, as environment variable ({@code LEMONGATE_PORT}).
 */
enum ConfigKey {
    IMAP("imap", "URL", null,
            "IMAP server, imap://host:port or imaps://host:port; without it the jar starts a demo mail server"),
    SMTP("smtp", "URL", null,
            "SMTP submission server, smtp://host:port or smtps://host:port; without it sending is disabled"),
    IMAP_STARTTLS("imap-starttls", "POLICY", "optional",
            "STARTTLS for imap:// and smtp:// URLs: off, optional or required"),
    TRUST_STORE("trust-store", "FILE", null,
            "PKCS#12 or JKS trust store for the mail servers' certificates (default: the JVM's)"),
    TRUST_STORE_PASSWORD("trust-store-password", "SECRET", null,
            "password of the trust store; prefer the environment variable over the flag"),
    PORT("port", "PORT", "8080", "HTTP port to listen on (jar only); 0 picks a free port"),
    BIND("bind", "ADDRESS", "127.0.0.1", "address to listen on (jar only); 0.0.0.0 for every interface"),
    CONNECT_TIMEOUT("connect-timeout", "DURATION", "10s", "TCP connect and greeting timeout towards the mail servers"),
    READ_TIMEOUT("read-timeout", "DURATION", "30s", "longest wait for a mail server's answer"),
    WRITE_TIMEOUT("write-timeout", "DURATION", "30s", "longest a write to a mail server may block"),
    MAX_CONNECTIONS_PER_USER("max-connections-per-user", "N", "4",
            "pooled IMAP connections per user at most (Dovecot allows 10 per user and address)"),
    IDLE_EVICTION("idle-eviction", "DURATION", "5m", "pooled IMAP connections unused this long are logged out"),
    FETCH_CHUNK("fetch-chunk", "SIZE", "256k",
            "first partial-FETCH size when streaming message bodies (at least 4k; long reads grow to 4x)"),
    MAX_PAGE_SIZE("max-page-size", "N", "500", "largest page of a message list a client may ask for"),
    MAX_UPLOAD("max-upload", "SIZE", "50m", "largest message accepted for append or submission"),
    SPOOL_DIR("spool-dir", "DIR", null, "where large uploads are spooled (default: the JVM's temporary directory)"),
    LOGIN_FAILURE_LIMIT("login-failure-limit", "N", "5",
            "failed logins per user or client address within the window before logins are refused (429)"),
    LOGIN_FAILURE_WINDOW("login-failure-window", "DURATION", "5m", "the window of the failed-login limiter"),
    BINDINGS("bindings", "LIST", "rest,soap,dav", "the bindings to serve, comma separated: rest, soap, dav"),
    DAV_STORE("dav-store", "JDBC-URL", null,
            "H2 JDBC URL of the WebDAV state store (locks, dead properties, file names), e.g. "
                    + "jdbc:h2:tcp://db-host/webdav to share one between hosts (default: a file in data-dir)"),
    DATA_DIR("data-dir", "DIR", null,
            "directory of the default WebDAV state store, shared by the gateway processes of one host "
                    + "(default: ~/.lemongate)"),
    TRUSTED_PROXIES("trusted-proxies", "CIDRS", null,
            "reverse proxies whose Forwarded/X-Forwarded-* headers are applied, e.g. 127.0.0.1,10.0.0.0/8 "
                    + "(default none, not even loopback)"),
    PUBLIC_URL("public-url", "URL", null,
            "the URL users reach the gateway at, e.g. https://mail.example.com/gw/; requests for other hosts "
                    + "are refused (421)"),
    INSECURE_CREDENTIALS("insecure-credentials", "POLICY", "allow-loopback",
            "credentials over plain HTTP: refuse, allow-loopback (direct clients on this host) or allow"),
    ALLOWED_ORIGINS("allowed-origins", "ORIGINS", null,
            "web origins besides the gateway's own whose pages may send writes, e.g. https://webmail.example.com"),
    TLS_CERT("tls-cert", "FILE", null,
            "PEM certificate chain for HTTPS (jar only); with tls-key, --port serves HTTPS (TLS 1.2+, HTTP/2)"),
    TLS_KEY("tls-key", "FILE", null, "unencrypted PEM private key of tls-cert: PKCS#8, PKCS#1 RSA or SEC1 EC"),
    TLS_KEYSTORE("tls-keystore", "FILE", null,
            "PKCS#12 key store holding the HTTPS key and certificate chain, instead of tls-cert and tls-key"),
    TLS_KEYSTORE_PASSWORD("tls-keystore-password", "SECRET", null,
            "password of tls-keystore; prefer the environment variable over the flag"),
    HTTP_REDIRECT_PORT("http-redirect-port", "PORT", null,
            "with HTTPS on, also listen for plain HTTP on this port and redirect every request to HTTPS"),
    PUSH_MAX_HOLD("push-max-hold", "SECONDS", "25s",
            "longest hold of a REST long poll (wait=) and a SOAP WaitForChanges; keep it below the read timeout "
                    + "of every proxy in front"),
    PUSH_HEARTBEAT("push-heartbeat", "SECONDS", "15s",
            "event-stream heartbeat when the client asks for none (heartbeat=)"),
    PUSH_MIN_HEARTBEAT("push-min-heartbeat", "SECONDS", "5s", "shortest event-stream heartbeat a client may ask for"),
    PUSH_MAX_HEARTBEAT("push-max-heartbeat", "SECONDS", "55s", "longest event-stream heartbeat a client may ask for"),
    PUSH_TICKET_KEY("push-ticket-key", "BASE64", null,
            "AES key of 16 or 32 bytes, base64, sealing browsers' event tickets; give every instance behind one "
                    + "load balancer the same key (default: a random key per process, so tickets work only on the "
                    + "instance that issued them)");

    /** The prefix of every environment variable. */
    static final String ENV_PREFIX = "LEMONGATE_";
    /** The prefix of every servlet context parameter. */
    static final String CONTEXT_PARAM_PREFIX = "lemongate.";

    private final String key;
    private final String metavar;
    private final String defaultValue;
    private final String description;

    ConfigKey(String key, String metavar, String defaultValue, String description) {
        this.key = key;
        this.metavar = metavar;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** The name in properties files, and after {@code --} on the command line. */
    String key() {
        return key;
    }

    /** The environment variable, e.g. {@code LEMONGATE_MAX_UPLOAD}. */
    String environmentVariable() {
        return environmentVariable(key);
    }

    /** The servlet context parameter, e.g. {@code lemongate.max-upload}. */
    String contextParameter() {
        return CONTEXT_PARAM_PREFIX + key;
    }

    /** What kind of value the key takes, for the help text. */
    String metavar() {
        return metavar;
    }

    /** The value used when no source sets the key; empty when the key is unset by default. */
    Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** One line for humans. */
    String description() {
        return description;
    }

    /** Whether the value is a secret that must never be printed. */
    boolean secret() {
        return this == TRUST_STORE_PASSWORD || this == TLS_KEYSTORE_PASSWORD || this == PUSH_TICKET_KEY;
    }

    /** The key named {@code key}, if there is one. */
    static Optional<ConfigKey> byKey(String key) {
        for (ConfigKey k : values()) {
            if (k.key.equals(key)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    static String environmentVariable(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}

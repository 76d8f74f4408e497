package org.lemongate.app;

import java.util.Locale;

/**
 * When the gateway accepts credentials (HTTP Basic or Bearer, a SOAP call) over a connection that is not protected
 * by TLS, neither its own nor a trusted proxy's.
 */
enum CredentialsPolicy {
    /** Never: every request carrying credentials must arrive over TLS. */
    REFUSE,
    /** Only from a client on this host, talking to the gateway directly (the demo, local tools). */
    ALLOW_LOOPBACK,
    /** Always; for test set-ups only, as passwords then cross the network in clear. */
    ALLOW;

    /** {@code refuse}, {@code allow-loopback} or {@code allow}. */
    static CredentialsPolicy parse(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "refuse" -> REFUSE;
            case "allow-loopback" -> ALLOW_LOOPBACK;
            case "allow" -> ALLOW;
            default -> throw new IllegalArgumentException("expected refuse, allow-loopback or allow");
        };
    }

    /** Whether credentials from this client may be used. */
    boolean accepts(Client client) {
        return client.secure() || this == ALLOW || this == ALLOW_LOOPBACK && client.local();
    }

    /** The configuration spelling. */
    String value() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

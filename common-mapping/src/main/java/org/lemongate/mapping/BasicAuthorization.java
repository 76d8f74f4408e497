package org.lemongate.mapping;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads an HTTP {@code Authorization} header (RFC 7617 Basic, UTF-8; RFC 6750 Bearer) into {@link Credentials}.
 * Shared by the bindings so that all three accept exactly the same headers.
 */
public final class BasicAuthorization {

    /** The realm every binding names in its {@code WWW-Authenticate} challenge. */
    public static final String REALM = "Lemongate";
    /** The challenge to send with a 401. */
    public static final String CHALLENGE = "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"";

    private static final int MAX_HEADER = 8192;

    private BasicAuthorization() {
    }

    /**
     * Parses the header value.
     *
     * @param header        the {@code Authorization} header, or null when the request has none
     * @param clientAddress the client's address, for the failed-login limiter
     * @return empty when there is no header (the binding then answers with a challenge)
     * @throws MailException.AuthFailed when the header is present but malformed or of an unsupported scheme
     */
    public static Optional<Credentials> parse(String header, String clientAddress) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        if (header.length() > MAX_HEADER) {
            throw new MailException.AuthFailed("the Authorization header is too long");
        }
        String h = header.strip();
        int sp = h.indexOf(' ');
        String scheme = (sp < 0 ? h : h.substring(0, sp)).toLowerCase(Locale.ROOT);
        String value = sp < 0 ? "" : h.substring(sp + 1).strip();
        switch (scheme) {
            case "basic" -> {
                return Optional.of(basic(value, clientAddress));
            }
            case "bearer" -> {
                throw new MailException.AuthFailed("Bearer tokens are not enabled on this gateway; use Basic");
            }
            default -> throw new MailException.AuthFailed(
                    "unsupported authorization scheme '" + scheme + "'; use Basic");
        }
    }

    private static Credentials basic(String token, String clientAddress) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw new MailException.AuthFailed("the Basic credentials are not valid base64");
        }
        String pair;
        try {
            pair = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            // Pre-RFC 7617 clients send ISO-8859-1; every byte sequence is valid there.
            pair = new String(raw, StandardCharsets.ISO_8859_1);
        }
        int colon = pair.indexOf(':');
        if (colon < 0) {
            throw new MailException.AuthFailed("the Basic credentials lack the ':' between user and password");
        }
        return Credentials.password(pair.substring(0, colon), pair.substring(colon + 1), clientAddress);
    }
}

package org.lemongate.rest;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailException;

/**
 * Short-lived event tickets for browsers, whose EventSource cannot send an Authorization header (ADR 0064): the
 * user's credentials and an expiry, sealed with AES-GCM under the gateway's ticket key, in unpadded base64url. The
 * gateway needs the secret itself to log in to IMAP, hence encryption, not just a signature. A ticket opens streams
 * until it expires; it is never logged.
 */
final class EventTickets {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int MAX_TICKET_CHARS = 12_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final Duration lifetime;

    EventTickets(Optional<byte[]> configuredKey, Duration lifetime) {
        byte[] k = configuredKey.orElseGet(() -> {
            byte[] random = new byte[32];
            RANDOM.nextBytes(random);
            return random;
        });
        this.key = new SecretKeySpec(k, "AES");
        this.lifetime = lifetime;
    }

    /** How long a new ticket stays valid. */
    Duration lifetime() {
        return lifetime;
    }

    /** A ticket for these credentials, valid from now for {@link #lifetime()}. */
    String issue(Credentials credentials, Instant now) {
        try {
            ByteArrayOutputStream plain = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(plain)) {
                out.writeLong(now.plus(lifetime).getEpochSecond());
                out.writeUTF(credentials.kind().name());
                out.writeUTF(credentials.user());
                out.writeUTF(credentials.secret());
            }
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = gcm.doFinal(plain.toByteArray());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    /**
     * The credentials a ticket carries, for a request from {@code clientAddress}.
     *
     * @throws MailException.AuthFailed when the ticket is damaged, forged, from another key or expired
     */
    Credentials open(String ticket, String clientAddress, Instant now) {
        if (ticket == null || ticket.isEmpty() || ticket.length() > MAX_TICKET_CHARS) {
            throw refused();
        }
        try {
            byte[] all = Base64.getUrlDecoder().decode(ticket);
            if (all.length <= NONCE_BYTES) {
                throw refused();
            }
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            byte[] plain = gcm.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
            try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(plain))) {
                long expires = in.readLong();
                if (now.getEpochSecond() > expires) {
                    throw new MailException.AuthFailed("the event ticket has expired; ask for a new one with "
                            + "POST /api/v1/events/tickets");
                }
                Credentials.Kind kind = Credentials.Kind.valueOf(in.readUTF());
                return new Credentials(in.readUTF(), in.readUTF(), kind, clientAddress);
            }
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw refused();
        }
    }

    private static MailException.AuthFailed refused() {
        return new MailException.AuthFailed("the event ticket is not valid here (damaged, or issued by a gateway "
                + "with another ticket key); ask for a new one with POST /api/v1/events/tickets");
    }
}

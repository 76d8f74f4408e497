package org.lemongate.rest;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.MessageSource;
import org.lemongate.mapping.PageRequest;
import org.lemongate.mapping.SearchCriteria;

/**
 * Exactly-once appends and submissions with the {@code Idempotency-Key} request header (docs/adr/0031). The key is
 * kept in the stored message itself (a {@code Lemongate-Idempotency-Key} header holding a hash of user, scope and
 * key), so a retry that reaches any gateway instance finds the message the first attempt stored (or, for a
 * submission, its copy in Sent) and answers with it instead of doing it again. Concurrent retries on one instance are
 * serialised; the window between search and store across instances remains.
 */
final class Idempotency {

    /** The request header. */
    static final String HEADER = "Idempotency-Key";
    /** The header written into the stored message. */
    static final String MAIL_HEADER = "Lemongate-Idempotency-Key";

    private static final int MAX_KEY = 255;
    private static final Object[] LOCKS = new Object[64];

    static {
        for (int i = 0; i < LOCKS.length; i++) {
            LOCKS[i] = new Object();
        }
    }

    private final String token;

    private Idempotency(String token) {
        this.token = token;
    }

    /** The scope of submissions, apart from every mailbox name (which cannot contain NUL). */
    static final String SUBMISSION = "\0submission";
    /** The scope of batches. */
    static final String BATCH = "\0batch";

    /**
     * The idempotency of a request, when it sent the header.
     *
     * @param scope what the key is unique within: the target mailbox's name for appends, {@link #SUBMISSION}
     * @throws MailException.InvalidInput when the key is empty, too long or not printable ASCII
     */
    static Optional<Idempotency> of(String key, String user, String scope) {
        if (key == null) {
            return Optional.empty();
        }
        if (key.isEmpty() || key.length() > MAX_KEY || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new MailException.InvalidInput(HEADER, "the Idempotency-Key must be 1 to " + MAX_KEY
                    + " printable ASCII characters without spaces");
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {user, scope, key}) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return Optional.of(new Idempotency("lgidem" + HexFormat.of().formatHex(sha.digest(), 0, 20)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The message a former attempt with this key stored, if there is one. */
    Optional<MessageRef> stored(MailAccount account, MailboxName mailbox) {
        return account.listMessages(mailbox, SearchCriteria.builder().text(token).build(), PageRequest.first(1))
                .items().stream().findFirst().map(s -> s.ref());
    }

    /** The upload with the key's header in front. */
    InputStream stamp(InputStream upload) {
        return new SequenceInputStream(new ByteArrayInputStream(header()), upload);
    }

    /** A message the gateway composed, with the key's header in front; streamed, not copied. */
    MessageSource stamp(MessageSource message) {
        return MessageSource.prefixed(header(), message);
    }

    private byte[] header() {
        return (MAIL_HEADER + ": " + token + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The token that stands for the key in stored messages: {@code lgidem} and 40 hex digits. */
    String token() {
        return token;
    }

    /** The lock that serialises attempts with this key on this instance. */
    Object lock() {
        return LOCKS[Math.floorMod(token.hashCode(), LOCKS.length)];
    }
}

package org.lemongate.mapping;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a client's knowledge of one mailbox ends, as an opaque, URL-safe, self-contained token: any gateway instance
 * can answer "what changed since" from the token alone, with no session, store or secret (ADR 0060).
 *
 * <p>On servers with CONDSTORE and QRESYNC (RFC 7162) a token holds the mailbox's UIDVALIDITY, the UIDNEXT up to
 * which the client has every message, and the mod-sequence up to which it has every change; a token that ends in the
 * middle of a page also names the last UID reported at that mod-sequence. On other servers it holds
 * {@link MessageStates} instead (ADR 0061).
 *
 * @param mailbox        the mailbox
 * @param uidValidity    its UIDVALIDITY when the token was issued
 * @param uidNext        messages with a lower UID are known to the client; higher ones are new to it
 * @param modSeq         changes up to this mod-sequence are known (0 on servers without CONDSTORE)
 * @param modSeqUid      0 when every change at {@code modSeq} is known, else the last UID reported at it
 * @param vanishedModSeq expunges up to this mod-sequence are known (0 on servers without CONDSTORE)
 * @param states         the known messages and flags, on servers without CONDSTORE
 */
public record SyncToken(MailboxName mailbox, long uidValidity, long uidNext, long modSeq, long modSeqUid,
                        long vanishedModSeq, Optional<MessageStates> states) {

    private static final int KIND = 0x51;

    public SyncToken {
        Objects.requireNonNull(mailbox, "mailbox");
        Objects.requireNonNull(states, "states");
        MessageRef.requireUint32("uidValidity", uidValidity);
        if (uidNext < 1 || uidNext > MessageRef.MAX_UINT32 + 1) {
            throw new MailException.InvalidInput("uidNext", "uidNext out of range: " + uidNext);
        }
        if (modSeq < 0 || vanishedModSeq < 0 || modSeqUid < 0 || modSeqUid > MessageRef.MAX_UINT32) {
            throw new MailException.InvalidInput("sync_token", "mod-sequences and UIDs cannot be negative");
        }
        if ((modSeq > 0) == states.isPresent()) {
            throw new MailException.InvalidInput("sync_token",
                    "a sync token holds either a mod-sequence or message states, not both or neither");
        }
    }

    /** A token for a CONDSTORE/QRESYNC server at a complete mod-sequence. */
    public static SyncToken ofModSeq(MailboxName mailbox, long uidValidity, long uidNext, long highestModSeq) {
        return new SyncToken(mailbox, uidValidity, uidNext, highestModSeq, 0, highestModSeq, Optional.empty());
    }

    /** A token for a server without CONDSTORE. */
    public static SyncToken ofStates(MailboxName mailbox, long uidValidity, long uidNext, MessageStates states) {
        return new SyncToken(mailbox, uidValidity, uidNext, 0, 0, 0, Optional.of(states));
    }

    /** Whether this token was made on a server with CONDSTORE/QRESYNC. */
    public boolean usesModSeq() {
        return modSeq > 0;
    }

    /**
     * The opaque text form, at most {@value TokenCodec#MAX_TOKEN_CHARS} characters: when the full message states
     * would not fit, only their digest is kept.
     */
    public String token() {
        String full = encode(states);
        if (full.length() <= TokenCodec.MAX_TOKEN_CHARS || states.isEmpty()) {
            return full;
        }
        return encode(Optional.of(states.get().withoutFlags()));
    }

    private String encode(Optional<MessageStates> s) {
        return TokenCodec.encode(KIND, out -> {
            out.writeUTF(mailbox.path());
            out.writeLong(uidValidity);
            out.writeLong(uidNext);
            out.writeLong(modSeq);
            out.writeLong(modSeqUid);
            out.writeLong(vanishedModSeq);
            out.writeBoolean(s.isPresent());
            if (s.isPresent()) {
                s.get().write(out);
            }
        });
    }

    /**
     * Reads a token made by {@link #token()}.
     *
     * @throws MailException.InvalidInput (field {@code sync_token}) when it is damaged or not a sync token
     */
    public static SyncToken parse(String token) {
        return TokenCodec.decode(token, KIND, "sync_token", in -> new SyncToken(MailboxName.of(in.readUTF()),
                in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                in.readBoolean() ? Optional.of(MessageStates.read(in)) : Optional.empty()));
    }

    /**
     * Checks that the token belongs to {@code expected}.
     *
     * @throws MailException.InvalidInput when it was issued for another mailbox
     */
    public SyncToken requireMailbox(MailboxName expected) {
        if (!mailbox.equals(expected)) {
            throw new MailException.InvalidInput("sync_token", "the sync token belongs to mailbox '" + mailbox
                    + "', not '" + expected + "'");
        }
        return this;
    }

    @Override
    public String toString() {
        return token();
    }
}

package org.lemongate.mapping;

import java.util.Objects;

/**
 * Names one message for good: its mailbox, the mailbox's UIDVALIDITY and the message's UID. A reference whose
 * UIDVALIDITY no longer matches the mailbox is refused with {@link MailException.StaleState}, never silently
 * resolved to another message.
 *
 * @param mailbox     the mailbox holding the message
 * @param uidValidity the mailbox's UIDVALIDITY when the UID was issued (1 .. 2^32-1)
 * @param uid         the message's UID (1 .. 2^32-1)
 */
public record MessageRef(MailboxName mailbox, long uidValidity, long uid) {

    /** Largest value of an IMAP UID or UIDVALIDITY (an unsigned 32-bit number). */
    public static final long MAX_UINT32 = 0xFFFF_FFFFL;

    public MessageRef {
        Objects.requireNonNull(mailbox, "mailbox");
        requireUint32("uidValidity", uidValidity);
        requireUint32("uid", uid);
    }

    /** Creates a reference, validating both numbers. */
    public static MessageRef of(MailboxName mailbox, long uidValidity, long uid) {
        return new MessageRef(mailbox, uidValidity, uid);
    }

    static void requireUint32(String field, long value) {
        if (value < 1 || value > MAX_UINT32) {
            throw new MailException.InvalidInput(field,
                    field + " must be between 1 and " + MAX_UINT32 + ", was " + value);
        }
    }

    /** The same message id as the compact text {@code uidValidity.uid} that REST and SOAP use inside a mailbox. */
    public String localId() {
        return uidValidity + "." + uid;
    }

    /**
     * Parses a {@link #localId()} within {@code mailbox}.
     *
     * @throws MailException.InvalidInput when the text is not two positive 32-bit numbers joined by a dot
     */
    public static MessageRef parseLocalId(MailboxName mailbox, String localId) {
        String id = Text.clean("id", localId, 21);
        int dot = id.indexOf('.');
        if (dot <= 0 || dot == id.length() - 1 || id.indexOf('.', dot + 1) >= 0) {
            throw new MailException.InvalidInput("id", "message id '" + id + "' is not of the form UIDVALIDITY.UID");
        }
        return new MessageRef(mailbox, parseUint32(id.substring(0, dot)), parseUint32(id.substring(dot + 1)));
    }

    private static long parseUint32(String digits) {
        if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new MailException.InvalidInput("id", "message id part '" + digits + "' is not a number");
        }
        return Long.parseLong(digits);
    }
}

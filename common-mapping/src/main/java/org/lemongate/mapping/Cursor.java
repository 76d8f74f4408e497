package org.lemongate.mapping;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The position after the last message of a page, as an opaque, URL-safe token. It names the last message by its
 * arrival time and UID (a keyset, not an offset), so a page boundary stays correct while messages arrive or vanish:
 * new mail never shifts later pages and an expunged message never makes one skip or repeat. It also carries the
 * mailbox's UIDVALIDITY and a fingerprint of the query, so a cursor is never applied to a different listing.
 *
 * @param uidValidity  the mailbox's UIDVALIDITY when the page was made
 * @param order        the listing's order
 * @param lastReceived the arrival time of the page's last message
 * @param lastUid      the UID of the page's last message
 * @param fingerprint  a hash of the mailbox name and the search criteria
 */
public record Cursor(long uidValidity, SortOrder order, Instant lastReceived, long lastUid, int fingerprint) {

    private static final String VERSION = "c1";
    private static final int MAX_TOKEN_LENGTH = 200;

    public Cursor {
        MessageRef.requireUint32("uidValidity", uidValidity);
        MessageRef.requireUint32("uid", lastUid);
        if (order == null || lastReceived == null) {
            throw new MailException.InvalidInput("cursor", "cursor is incomplete");
        }
    }

    /** The opaque token form. */
    public String token() {
        String plain = String.join(":", VERSION, Long.toString(uidValidity), order.name(),
                Long.toString(lastReceived.toEpochMilli()), Long.toString(lastUid), Integer.toHexString(fingerprint));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Reads a token made by {@link #token()}.
     *
     * @throws MailException.InvalidInput when the token is not one
     */
    public static Cursor parse(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw invalid();
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
            String[] f = plain.split(":", -1);
            if (f.length != 6 || !f[0].equals(VERSION)) {
                throw invalid();
            }
            return new Cursor(Long.parseLong(f[1]), SortOrder.valueOf(f[2]), Instant.ofEpochMilli(Long.parseLong(f[3])),
                    Long.parseLong(f[4]), Integer.parseUnsignedInt(f[5], 16));
        } catch (IllegalArgumentException | java.time.DateTimeException | MailException.InvalidInput e) {
            throw invalid();
        }
    }

    private static MailException.InvalidInput invalid() {
        return new MailException.InvalidInput("cursor",
                "the page cursor is not one this gateway issued; start again from the first page");
    }

    @Override
    public String toString() {
        return token();
    }
}

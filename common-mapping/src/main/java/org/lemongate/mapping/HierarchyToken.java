package org.lemongate.mapping;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where a client's knowledge of the mailbox list ends, as an opaque, URL-safe, self-contained token: the names of the
 * mailboxes with their UIDVALIDITY (0 for a node that holds no messages), or only a digest of them when the list is too
 * long for a token. Any gateway instance can compute it from a LIST (ADR 0060).
 *
 * @param digest    a 64-bit digest of the names and UIDVALIDITYs
 * @param mailboxes each mailbox's UIDVALIDITY by full name, when kept
 */
public record HierarchyToken(long digest, Optional<SortedMap<String, Long>> mailboxes) {

    private static final int KIND = 0x48;
    /** Mailboxes a token lists at most; beyond this only the digest is kept. */
    public static final int MAX_TRACKED = 2000;

    public HierarchyToken {
        mailboxes = mailboxes.map(m -> Collections.unmodifiableSortedMap(new TreeMap<>(m)));
    }

    /** The token for a mailbox list as {@link MailAccount#listMailboxes()} returns it. */
    public static HierarchyToken of(List<MailboxInfo> list) {
        SortedMap<String, Long> names = new TreeMap<>();
        for (MailboxInfo m : list) {
            names.put(m.name().path(), m.status().map(MailboxStatus::uidValidity).orElse(0L));
        }
        return new HierarchyToken(digest(names), names.size() <= MAX_TRACKED ? Optional.of(names) : Optional.empty());
    }

    static long digest(SortedMap<String, Long> names) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, Long> e : names.entrySet()) {
                sha.update((e.getKey() + "\0" + e.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return ByteBuffer.wrap(sha.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Whether the current list is exactly the one this token was made from. */
    public boolean matches(HierarchyToken current) {
        return current.digest == digest;
    }

    /** The opaque text form; only the digest when the full list would make the token too long. */
    public String token() {
        String full = encode(mailboxes);
        return full.length() <= TokenCodec.MAX_TOKEN_CHARS ? full : encode(Optional.empty());
    }

    private String encode(Optional<SortedMap<String, Long>> list) {
        return TokenCodec.encode(KIND, out -> {
            out.writeLong(digest);
            out.writeBoolean(list.isPresent());
            if (list.isPresent()) {
                out.writeInt(list.get().size());
                for (Map.Entry<String, Long> e : list.get().entrySet()) {
                    out.writeUTF(e.getKey());
                    out.writeLong(e.getValue());
                }
            }
        });
    }

    /**
     * Reads a token made by {@link #token()}.
     *
     * @throws MailException.InvalidInput (field {@code hierarchy_token}) when it is damaged or not a hierarchy token
     */
    public static HierarchyToken parse(String token) {
        return TokenCodec.decode(token, KIND, "hierarchy_token", in -> {
            long digest = in.readLong();
            if (!in.readBoolean()) {
                return new HierarchyToken(digest, Optional.empty());
            }
            int n = in.readInt();
            if (n < 0 || n > MAX_TRACKED) {
                throw new java.io.IOException("too many mailboxes");
            }
            SortedMap<String, Long> names = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                names.put(MailboxName.of(in.readUTF()).path(), in.readLong());
            }
            if (digest(names) != digest) {
                throw new java.io.IOException("list does not match its digest");
            }
            return new HierarchyToken(digest, Optional.of(names));
        });
    }

    @Override
    public String toString() {
        return token();
    }
}

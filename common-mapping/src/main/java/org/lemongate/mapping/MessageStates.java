package org.lemongate.mapping;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a client knew about a mailbox's existing messages, carried inside a {@link SyncToken} on servers without
 * CONDSTORE/QRESYNC: every UID with its flags, or, when that would make the token too long, only a digest of them.
 * With the full list the gateway computes exactly which messages vanished or changed flags; with the digest alone it
 * can only tell "nothing changed" from "something changed", and in the second case answers "resync required".
 *
 * @param digest a 64-bit digest of the UIDs and their flags
 * @param flags  each known UID's flags, when kept
 */
public record MessageStates(long digest, Optional<SortedMap<Long, Flags>> flags) {

    /** Messages whose states a token keeps at most; beyond this only the digest is kept. */
    public static final int MAX_TRACKED = 5000;
    private static final int MAX_KEYWORDS = 64;

    public MessageStates {
        flags = flags.map(f -> Collections.unmodifiableSortedMap(new TreeMap<>(f)));
    }

    /** The states of these messages: the full list when small enough, else the digest alone. */
    public static MessageStates of(SortedMap<Long, Flags> current) {
        boolean keep = current.size() <= MAX_TRACKED
                && current.values().stream().allMatch(f -> f.keywords().size() <= MAX_KEYWORDS);
        return new MessageStates(digest(current), keep ? Optional.of(current) : Optional.empty());
    }

    /** The same digest only. */
    MessageStates withoutFlags() {
        return new MessageStates(digest, Optional.empty());
    }

    /** Whether {@code current} is exactly the state these were taken from. */
    public boolean matches(SortedMap<Long, Flags> current) {
        return digest(current) == digest;
    }

    static long digest(SortedMap<Long, Flags> states) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<Long, Flags> e : states.entrySet()) {
                sha.update((e.getKey() + " " + canonical(e.getValue()) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return ByteBuffer.wrap(sha.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String canonical(Flags f) {
        StringBuilder b = new StringBuilder();
        for (SystemFlag s : SystemFlag.values()) {
            if (f.has(s)) {
                b.append(s.name()).append(' ');
            }
        }
        f.keywords().stream().map(Keyword::name).sorted().forEach(k -> b.append(k).append(' '));
        return b.toString();
    }

    void write(DataOutputStream out) throws IOException {
        out.writeLong(digest);
        out.writeBoolean(flags.isPresent());
        if (flags.isEmpty()) {
            return;
        }
        out.writeInt(flags.get().size());
        long previous = 0;
        for (Map.Entry<Long, Flags> e : flags.get().entrySet()) {
            out.writeInt((int) (e.getKey() - previous)); // deltas are small and deflate well
            previous = e.getKey();
            int bits = 0;
            for (SystemFlag s : e.getValue().system()) {
                bits |= 1 << s.ordinal();
            }
            out.writeByte(bits);
            out.writeByte(e.getValue().keywords().size());
            for (Keyword k : e.getValue().keywords()) {
                out.writeUTF(k.name());
            }
        }
    }

    static MessageStates read(DataInputStream in) throws IOException {
        long digest = in.readLong();
        if (!in.readBoolean()) {
            return new MessageStates(digest, Optional.empty());
        }
        int count = in.readInt();
        if (count < 0 || count > MAX_TRACKED) {
            throw new IOException("too many states");
        }
        SortedMap<Long, Flags> flags = new TreeMap<>();
        long uid = 0;
        for (int i = 0; i < count; i++) {
            long delta = Integer.toUnsignedLong(in.readInt());
            if (delta == 0) {
                throw new IOException("UIDs out of order");
            }
            uid += delta;
            MessageRef.requireUint32("uid", uid);
            int bits = in.readUnsignedByte();
            Set<SystemFlag> system = EnumSet.noneOf(SystemFlag.class);
            for (SystemFlag s : SystemFlag.values()) {
                if ((bits & 1 << s.ordinal()) != 0) {
                    system.add(s);
                }
            }
            int keywords = in.readUnsignedByte();
            if (keywords > MAX_KEYWORDS) {
                throw new IOException("too many keywords");
            }
            Set<Keyword> k = new HashSet<>();
            for (int j = 0; j < keywords; j++) {
                k.add(Keyword.of(in.readUTF()));
            }
            flags.put(uid, new Flags(system, k));
        }
        if (digest(flags) != digest) {
            throw new IOException("states do not match their digest");
        }
        return new MessageStates(digest, Optional.of(flags));
    }
}

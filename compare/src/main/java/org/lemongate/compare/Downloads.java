package org.lemongate.compare;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Reading content bytes into a running SHA-256, up to a cut or to the end. */
final class Downloads {

    private static final int BUFFER_BYTES = 64 * 1024;

    private Downloads() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Reads at most {@code limit} bytes (all, with {@link Long#MAX_VALUE}) into the digest; returns how many. */
    static long read(InputStream in, MessageDigest digest, long limit) throws IOException {
        byte[] buffer = new byte[BUFFER_BYTES];
        long total = 0;
        while (total < limit) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total));
            if (n < 0) {
                break;
            }
            digest.update(buffer, 0, n);
            total += n;
        }
        return total;
    }
}

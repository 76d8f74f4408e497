package org.lemongate.compare;

import java.security.MessageDigest;
import java.util.Base64;

/** Decodes base64 text that arrives in pieces of any length (XML text events) into a digest, counting bytes. */
final class Base64Feed {

    private final MessageDigest digest;
    private final char[] quad = new char[4];
    private int pending;
    private long decoded;

    Base64Feed(MessageDigest digest) {
        this.digest = digest;
    }

    void feed(char[] chars, int start, int length) {
        for (int i = start; i < start + length; i++) {
            char c = chars[i];
            if (Character.isWhitespace(c)) {
                continue;
            }
            quad[pending++] = c;
            if (pending == 4) {
                byte[] bytes = Base64.getDecoder().decode(new String(quad));
                digest.update(bytes);
                decoded += bytes.length;
                pending = 0;
            }
        }
    }

    /** A new reply starts: characters left over from a cut one are not the start of its data. */
    void restart() {
        pending = 0;
    }

    /** Content bytes decoded so far. */
    long decoded() {
        return decoded;
    }
}

package org.lemongate.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.lemongate.mapping.Flags;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.MessageSummary;

import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;

/**
 * Strong entity tags. Message content never changes under one (mailbox, UIDVALIDITY, UID), so raw messages and parts
 * are tagged by their address alone and may be cached for good; the JSON view of a message also shows its flags, so
 * its tag covers them too.
 */
final class ETags {

    private ETags() {
    }

    static EntityTag raw(MessageRef ref) {
        return new EntityTag("raw-" + ref.uidValidity() + "-" + ref.uid());
    }

    static EntityTag part(MessageRef ref, String partId) {
        return new EntityTag("part-" + ref.uidValidity() + "-" + ref.uid() + "-" + partId);
    }

    /** The tag of a message's JSON view: its address and its current flags and keywords. */
    static EntityTag message(MessageSummary summary) {
        return message(summary.ref(), summary.flags());
    }

    /** The tag of a message's JSON view once its flags are {@code flags}. */
    static EntityTag message(MessageRef ref, Flags flags) {
        String state = ref.uidValidity() + "/" + ref.uid() + "/"
                + String.join(",", SummaryJson.flagNames(flags)) + "/"
                + String.join(",", SummaryJson.keywordNames(flags));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(state.getBytes(StandardCharsets.UTF_8));
            return new EntityTag("msg-" + HexFormat.of().formatHex(digest, 0, 12));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Cache-Control for content that never changes but belongs to one user. */
    static CacheControl immutable() {
        CacheControl cc = new CacheControl();
        cc.setPrivate(true);
        cc.setMaxAge(365 * 24 * 3600);
        cc.getCacheExtension().put("immutable", null);
        return cc;
    }
}

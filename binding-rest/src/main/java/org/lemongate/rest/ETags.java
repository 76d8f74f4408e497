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
        return new EntityTag("msg-" + digest(state));
    }

    /**
     * The tag of a mailbox's JSON view: everything it shows (name, role, subscription, counters, UIDVALIDITY), so
     * it also changes when mail arrives; an If-Match on a rename or delete then refuses to act on a mailbox that
     * received mail since the client looked.
     */
    static EntityTag mailbox(MailboxJson mailbox) {
        return new EntityTag("mbx-" + digest(String.join("/", mailbox.name(), String.valueOf(mailbox.role()),
                String.valueOf(mailbox.selectable()), String.valueOf(mailbox.hasChildren()),
                String.valueOf(mailbox.subscribed()), String.valueOf(mailbox.messages()),
                String.valueOf(mailbox.unseen()), String.valueOf(mailbox.uidValidity()))));
    }

    private static String digest(String state) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(state.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
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

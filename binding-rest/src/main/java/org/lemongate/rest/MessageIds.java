package org.lemongate.rest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;

/**
 * The REST id of a message: {@code <mailbox>.<uidvalidity>.<uid>}, the mailbox as unpadded base64url of its UTF-8
 * name. One URL-safe path segment that names the message for good, UIDVALIDITY included (DESIGN.md, Identity).
 */
final class MessageIds {

    /** Longest id accepted: a 400-character name of four-byte characters, plus two 10-digit numbers. */
    static final int MAX_LENGTH = 2200;

    private MessageIds() {
    }

    static String format(MessageRef ref) {
        String mailbox = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(ref.mailbox().path().getBytes(StandardCharsets.UTF_8));
        return mailbox + "." + ref.localId();
    }

    /**
     * Reads an id made by {@link #format}.
     *
     * @throws MailException.InvalidInput naming field {@code id} when it is not one
     */
    static MessageRef parse(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            throw malformed();
        }
        int dot = id.indexOf('.');
        if (dot <= 0) {
            throw malformed();
        }
        byte[] mailbox;
        try {
            mailbox = Base64.getUrlDecoder().decode(id.substring(0, dot));
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
        return MessageRef.parseLocalId(MailboxName.of(Utf8.decode(mailbox, "id", malformed().getMessage())),
                id.substring(dot + 1));
    }

    private static MailException.InvalidInput malformed() {
        return new MailException.InvalidInput("id",
                "this is not a message id of this API; take ids from message lists (mailbox.uidvalidity.uid)");
    }
}

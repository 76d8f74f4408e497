package org.lemongate.rest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.lemongate.mapping.MailException;

/** Strict UTF-8 decoding: malformed bytes are refused, never replaced by U+FFFD and passed on to IMAP. */
final class Utf8 {

    private Utf8() {
    }

    /**
     * Decodes {@code bytes}.
     *
     * @throws MailException.InvalidInput naming {@code field} with {@code complaint} when they are not UTF-8
     */
    static String decode(byte[] bytes, String field, String complaint) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new MailException.InvalidInput(field, complaint);
        }
    }
}

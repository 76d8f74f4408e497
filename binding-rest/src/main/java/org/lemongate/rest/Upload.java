package org.lemongate.rest;

import java.io.IOException;
import java.io.InputStream;

import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.SpooledMessage;

/**
 * Takes a message upload off the wire: refused at once when it announces more than the upload limit, else spooled
 * (memory, then a temporary file) so that IMAP APPEND can announce its exact size. Never held whole in memory.
 */
final class Upload {

    private Upload() {
    }

    /**
     * Spools the request body.
     *
     * @param declaredLength the Content-Length, or -1 when the body is chunked
     * @throws MailException.TooLarge when the body announces or turns out to have more than the limit
     */
    static SpooledMessage spool(InputStream body, long declaredLength, MailAccount account) {
        long max = account.limits().maxUploadBytes();
        if (declaredLength > max) {
            throw tooLarge(max);
        }
        try {
            return account.spool(body);
        } catch (MailException.TooLarge e) {
            throw tooLarge(max);
        } catch (IOException e) {
            throw new MailException.InvalidInput("message", "the upload broke off before its end: " + e.getMessage());
        }
    }

    private static MailException.TooLarge tooLarge(long max) {
        return new MailException.TooLarge("a message may have at most " + max + " bytes", max);
    }
}

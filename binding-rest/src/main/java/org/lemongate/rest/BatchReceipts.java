package org.lemongate.rest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.lemongate.mapping.ByteRange;
import org.lemongate.mapping.Content;
import org.lemongate.mapping.DeleteMode;
import org.lemongate.mapping.Flags;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.MessageSummary;
import org.lemongate.mapping.PageRequest;
import org.lemongate.mapping.SearchCriteria;
import org.lemongate.mapping.SpooledMessage;
import org.lemongate.mapping.SystemFlag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The results of batches run with an {@code Idempotency-Key}, kept where every gateway instance finds them: as small
 * messages in the user's own mailbox {@value #NAME} (created unsubscribed on first use), one per key, its Subject
 * the key's token and its body the JSON results. A retry finds the receipt and answers with it instead of copying,
 * moving or deleting again (docs/adr/0033). Receipts older than {@link #KEPT} are removed when a new one is stored.
 */
final class BatchReceipts {

    /** The mailbox holding the receipts. */
    static final String NAME = "Lemongate Receipts";
    /** How long a key is remembered. */
    static final Duration KEPT = Duration.ofHours(24);

    private static final MailboxName MAILBOX = MailboxName.of(NAME);
    private static final Logger LOG = LoggerFactory.getLogger(BatchReceipts.class);
    /** Receipts are the gateway's own, small messages: a body past this is not one. */
    private static final int MAX_RECEIPT = 4 * 1024 * 1024;
    private static final int PRUNE_PAGE = 100;

    private BatchReceipts() {
    }

    /** The results of the batch that ran with this key, as stored JSON, if one did. */
    static Optional<byte[]> find(MailAccount account, Idempotency key) {
        Optional<MessageRef> receipt;
        try {
            receipt = account.listMessages(MAILBOX, SearchCriteria.builder().subject(key.token()).build(),
                    PageRequest.first(1)).items().stream().findFirst().map(MessageSummary::ref);
        } catch (MailException.NotFound e) {
            return Optional.empty();
        }
        if (receipt.isEmpty()) {
            return Optional.empty();
        }
        try (Content body = account.openPart(receipt.get(), "1", ByteRange.ALL);
             InputStream in = body.stream()) {
            return Optional.of(in.readNBytes(MAX_RECEIPT));
        } catch (IOException e) {
            throw new MailException.BackendUnavailable("the receipt of an earlier attempt could not be read: "
                    + e.getMessage(), Duration.ofSeconds(1), false, e);
        }
    }

    /**
     * Stores the results of a batch that just ran. A failure is logged, not raised: the batch did run, and failing
     * now would invite the client to run it again.
     */
    static void keep(MailAccount account, Idempotency key, byte[] results) {
        try {
            ensureMailbox(account);
            try (SpooledMessage receipt = SpooledMessage.of(message(key, results))) {
                account.append(MAILBOX, receipt, Flags.of(SystemFlag.SEEN), Optional.empty());
            }
            prune(account);
        } catch (MailException e) {
            LOG.warn("a batch of user {} ran, but keeping its receipt failed: {}", account.user(), e.getMessage());
        }
    }

    private static void ensureMailbox(MailAccount account) {
        try {
            account.mailbox(MAILBOX);
        } catch (MailException.NotFound e) {
            try {
                account.createMailbox(MAILBOX);
                // The mapping layer subscribes what it creates; most mail clients then hide this one.
                account.setSubscribed(MAILBOX, false);
            } catch (MailException.AlreadyExists raced) {
                // Another request created it meanwhile.
            }
        }
    }

    private static void prune(MailAccount account) {
        List<MessageRef> old = account.listMessages(MAILBOX, SearchCriteria.builder()
                .before(Instant.now().minus(KEPT)).build(), PageRequest.first(PRUNE_PAGE))
                .items().stream().map(MessageSummary::ref).toList();
        if (!old.isEmpty()) {
            account.delete(old, DeleteMode.PERMANENT);
        }
    }

    private static byte[] message(Idempotency key, byte[] results) {
        String header = "From: Lemongate <receipts@lemongate.invalid>\r\n"
                + "Subject: " + key.token() + "\r\n"
                + "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().atOffset(ZoneOffset.UTC))
                + "\r\n"
                + Idempotency.MAIL_HEADER + ": " + key.token() + "\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: application/json; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n";
        String body = Base64.getMimeEncoder().encodeToString(results) + "\r\n";
        return (header + body).getBytes(StandardCharsets.US_ASCII);
    }
}

package org.lemongate.mapping.contract;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailGateway;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MailboxRole;
import org.lemongate.mapping.imap.BackendSettings;

/**
 * What a run of {@link MailAccountContract} needs from the servers it runs against: the gateway under test, fresh
 * users, a way to reach the IMAP server behind the gateway's back, and the mail the SMTP server received.
 */
public interface MailBackend {

    /** The gateway under test; one per test class. */
    MailGateway gateway();

    /** The settings {@link #gateway()} was started with. */
    BackendSettings settings();

    /**
     * Creates a user no other test uses, with a client address of its own so that the failed-login limiter of one
     * test never throttles another.
     */
    Credentials newUser();

    /** Like {@link #newUser()}, with a password of non-ASCII letters (HTTP Basic carries UTF-8). */
    Credentials newUserWithNonAsciiPassword();

    /** A plain IMAP session as {@code user}, straight to the server. */
    ImapSession imap(Credentials user);

    /** The raw messages the SMTP server accepted for the envelope recipient {@code address}. */
    List<String> deliveredTo(String address);

    /** The special-use mailboxes every new user has, with their roles (besides INBOX). */
    Map<MailboxName, MailboxRole> specialUse();

    /** Whether the server announces QUOTA with a limit for every user. */
    boolean enforcesQuota();

    /** Where the server departs from the IMAP standards, so that the contract checks only what it can show. */
    Set<Quirk> quirks();

    /** Known departures of test servers from the standards. */
    enum Quirk {
        /** RFC822.SIZE is not the stored message's size (GreenMail 2.1 leaves the header out). */
        INEXACT_SIZES,
        /** SEARCH FROM and TO find nothing (GreenMail 2.1). */
        NO_ADDRESS_SEARCH,
        /** SEARCH with non-ASCII text finds nothing (GreenMail 2.1). */
        NO_NON_ASCII_SEARCH,
        /** LOGIN with a non-ASCII password fails (GreenMail 2.1). */
        NO_NON_ASCII_LOGIN,
        /**
         * QUOTA reports the storage used rounded down to whole KiB (Cyrus 3.6), so it can be up to 1023 bytes below
         * the size of the mail stored (RFC 9208 counts STORAGE in units of 1024 octets and leaves rounding open).
         */
        QUOTA_USAGE_ROUNDED_DOWN
    }

    /** Whether the server has the quirk. */
    default boolean has(Quirk quirk) {
        return quirks().contains(quirk);
    }

    /** Deletes and recreates a mailbox directly on the server, so that it gets a new UIDVALIDITY. */
    default void recreateMailbox(Credentials user, MailboxName box) {
        try (ImapSession imap = imap(user)) {
            imap.delete(box);
            imap.create(box);
        }
    }
}

package org.lemongate.mapping.imap;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.icegreen.greenmail.base.GreenMailOperations;

import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MailboxRole;
import org.lemongate.mapping.contract.ImapSession;
import org.lemongate.testsupport.DovecotServer;

/**
 * The contract's servers when IMAP is a private Dovecot and SMTP a GreenMail that accepts any login. Dovecot reads
 * its users at start, so the runner starts it with a stock of users and each test takes fresh ones from it.
 */
final class DovecotBackend extends GatewayUnderTest {

    /** More users than the contract's tests take together. */
    private static final int STOCK = 240;
    private static final int NON_ASCII_STOCK = 10;

    private final DovecotServer dovecot;
    private final AtomicInteger taken = new AtomicInteger();
    private final AtomicInteger takenNonAscii = new AtomicInteger();

    DovecotBackend(DovecotServer dovecot, GreenMailOperations smtp) {
        super(smtp, TestSettings.loopback(dovecot.imapPort(), Optional.of(smtp.getSmtp().getPort())));
        this.dovecot = dovecot;
    }

    /** The users to start Dovecot with. */
    static Map<String, String> users() {
        Map<String, String> users = new LinkedHashMap<>();
        for (int n = 1; n <= STOCK; n++) {
            users.put("user" + n, "secret-" + n);
        }
        for (int n = 1; n <= NON_ASCII_STOCK; n++) {
            users.put("intl" + n, "Pässwörd-Été-" + n);
        }
        return users;
    }

    @Override
    public Credentials newUser() {
        return take("user", taken, STOCK);
    }

    @Override
    public Credentials newUserWithNonAsciiPassword() {
        return take("intl", takenNonAscii, NON_ASCII_STOCK);
    }

    private Credentials take(String prefix, AtomicInteger counter, int stock) {
        int n = counter.incrementAndGet();
        if (n > stock) {
            throw new IllegalStateException("the Dovecot runner's stock of " + stock + " users is used up");
        }
        String login = prefix + n;
        return Credentials.password(login, dovecot.users().get(login),
                clientAddress(n + (prefix.equals("user") ? 0 : STOCK)));
    }

    @Override
    public ImapSession imap(Credentials user) {
        return ImapSession.login(dovecot.host(), dovecot.imapPort(), user.user(), user.secret());
    }

    @Override
    public Map<MailboxName, MailboxRole> specialUse() {
        return Map.of(MailboxName.of("Sent"), MailboxRole.SENT, MailboxName.of("Drafts"), MailboxRole.DRAFTS,
                MailboxName.of("Trash"), MailboxRole.TRASH, MailboxName.of("Junk"), MailboxRole.JUNK,
                MailboxName.of("Archive"), MailboxRole.ARCHIVE);
    }

    @Override
    public boolean enforcesQuota() {
        return true;
    }

    @Override
    public Set<Quirk> quirks() {
        return Set.of();
    }
}

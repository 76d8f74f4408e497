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
/**
 * The contract's servers when IMAP is a real server started privately (Dovecot, Cyrus) and SMTP a GreenMail that
 * accepts any login. Both servers read their users before they start (a passwd file, a sasldb), so the runner
 * starts one with a stock of users and each test takes fresh ones from it. Both give every user the special-use
 * mailboxes Sent, Drafts, Trash, Junk and Archive and a quota.
 */
final class RealServerBackend extends GatewayUnderTest {

    /** More users than the contract's tests take together. */
    private static final int STOCK = 240;
    private static final int NON_ASCII_STOCK = 10;

    private final String server;
    private final String host;
    private final int imapPort;
    private final Map<String, String> passwords;
    private final Set<Quirk> quirks;
    private final AtomicInteger taken = new AtomicInteger();
    private final AtomicInteger takenNonAscii = new AtomicInteger();

    /**
     * @param server the server's name, for messages
     * @param passwords the users the server was started with, at least those of {@link #users()}
     * @param quirks where the server departs from the standards
     */
    RealServerBackend(String server, String host, int imapPort, Map<String, String> passwords, Set<Quirk> quirks,
                      GreenMailOperations smtp) {
        super(smtp, TestSettings.loopback(imapPort, Optional.of(smtp.getSmtp().getPort())));
        this.server = server;
        this.host = host;
        this.imapPort = imapPort;
        this.passwords = Map.copyOf(passwords);
        this.quirks = Set.copyOf(quirks);
    }

    /** The users to start the server with. */
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
            throw new IllegalStateException("the " + server + " runner's stock of " + stock + " users is used up");
        }
        String login = prefix + n;
        return Credentials.password(login, passwords.get(login),
                clientAddress(n + (prefix.equals("user") ? 0 : STOCK)));
    }

    @Override
    public ImapSession imap(Credentials user) {
        return ImapSession.login(host, imapPort, user.user(), user.secret());
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
        return quirks;
    }
}

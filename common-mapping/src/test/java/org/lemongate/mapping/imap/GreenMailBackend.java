package org.lemongate.mapping.imap;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.icegreen.greenmail.base.GreenMailOperations;

import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MailboxRole;
import org.lemongate.mapping.contract.ImapSession;

/** The contract's servers when IMAP and SMTP are GreenMail in this JVM. */
final class GreenMailBackend extends GatewayUnderTest {

    private static final AtomicInteger USERS = new AtomicInteger();

    private final GreenMailOperations greenMail;

    GreenMailBackend(GreenMailOperations greenMail, BackendSettings settings) {
        super(greenMail, settings);
        this.greenMail = greenMail;
    }

    @Override
    public Credentials newUser() {
        return newUser("secret-" + USERS.get());
    }

    @Override
    public Credentials newUserWithNonAsciiPassword() {
        return newUser("Pässwörd-Été-" + USERS.get());
    }

    private Credentials newUser(String password) {
        int n = USERS.incrementAndGet();
        String login = "user" + n;
        greenMail.setUser(login + "@example.org", login, password);
        return Credentials.password(login, password, clientAddress(n));
    }

    @Override
    public ImapSession imap(Credentials user) {
        return ImapSession.login("127.0.0.1", greenMail.getImap().getPort(), user.user(), user.secret());
    }

    @Override
    public Map<MailboxName, MailboxRole> specialUse() {
        return Map.of();
    }

    @Override
    public boolean enforcesQuota() {
        return false;
    }

    @Override
    public Set<Quirk> quirks() {
        return EnumSet.allOf(Quirk.class);
    }

    /** GreenMail takes UIDVALIDITY from the clock in seconds: recreate in a later second. */
    @Override
    public void recreateMailbox(Credentials user, MailboxName box) {
        try (ImapSession imap = imap(user)) {
            long before = imap.status(box, "UIDVALIDITY");
            imap.delete(box);
            do {
                Thread.sleep(100);
            } while (System.currentTimeMillis() / 1000 <= before);
            imap.create(box);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

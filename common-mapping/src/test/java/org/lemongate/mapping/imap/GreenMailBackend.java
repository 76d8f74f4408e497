package org.lemongate.mapping.imap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.base.GreenMailOperations;

import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailGateway;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MailboxRole;
import org.lemongate.mapping.contract.ImapSession;
import org.lemongate.mapping.contract.MailBackend;

/**
 * The contract's servers when IMAP is GreenMail in this JVM. GreenMail also receives submissions, for its own runs
 * and for the Dovecot runs, which is why the IMAP side is optional here.
 */
final class GreenMailBackend implements MailBackend, AutoCloseable {

    private static final AtomicInteger USERS = new AtomicInteger();

    private final GreenMailOperations imapServer;
    private final GreenMailOperations smtpServer;
    private final BackendSettings settings;
    private final ImapGateway gateway;

    GreenMailBackend(GreenMailOperations imapServer, GreenMailOperations smtpServer, BackendSettings settings) {
        this.imapServer = imapServer;
        this.smtpServer = smtpServer;
        this.settings = settings;
        this.gateway = ImapGateway.start(settings);
    }

    /** A client address per test user, so that the limiter's per-address count never crosses tests. */
    static String clientAddress(int n) {
        return "127.1." + (n / 250) + "." + (n % 250 + 1);
    }

    /** The raw messages {@code smtp} accepted for {@code address}. */
    static List<String> deliveredTo(GreenMailOperations smtp, String address) {
        return smtp.findReceivedMessages(u -> u.getEmail().equalsIgnoreCase(address), m -> true)
                .map(GreenMailBackend::raw).toList();
    }

    private static String raw(MimeMessage message) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public MailGateway gateway() {
        return gateway;
    }

    @Override
    public BackendSettings settings() {
        return settings;
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
        imapServer.setUser(login + "@example.org", login, password);
        return Credentials.password(login, password, clientAddress(n));
    }

    @Override
    public ImapSession imap(Credentials user) {
        return ImapSession.login("127.0.0.1", imapServer.getImap().getPort(), user.user(), user.secret());
    }

    @Override
    public List<String> deliveredTo(String address) {
        return deliveredTo(smtpServer, address);
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

    @Override
    public void close() {
        gateway.close();
    }
}

package org.lemongate.mapping.imap;

import java.net.URI;
import java.util.Date;
import java.util.Optional;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.Limits;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;

/**
 * One GreenMail user reached through a real {@link ImapGateway}, plus direct access to GreenMail's store to set up
 * and inspect mailboxes independently of the code under test.
 */
final class GreenMailAccount implements AutoCloseable {

    static GreenMailExtension server() {
        return new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
    }

    final GreenMailExtension greenMail;
    final GreenMailUser user;
    final ImapGateway gateway;
    final MailAccount account;

    GreenMailAccount(GreenMailExtension greenMail, Limits limits, Optional<URI> smtp) {
        this.greenMail = greenMail;
        this.user = greenMail.setUser("ann@example.org", "ann", "secret");
        BackendSettings d = BackendSettings.defaults(
                URI.create("imap://127.0.0.1:" + greenMail.getImap().getPort()), smtp)
                .withStartTls(BackendSettings.StartTls.OFF);
        BackendSettings s = new BackendSettings(d.imap(), d.smtp(), d.startTls(), d.trustStore(),
                d.trustStorePassword(), d.connectTimeout(), d.readTimeout(), d.writeTimeout(),
                d.maxConnectionsPerUser(), d.leaseTimeout(), d.idleEviction(), d.fetchChunkBytes(), limits,
                d.spoolDirectory(), d.spoolThresholdBytes(), d.loginFailureLimit(), d.loginFailureWindow(),
                d.sentMailbox(), d.trashMailbox());
        this.gateway = ImapGateway.start(s);
        this.account = gateway.login(Credentials.password("ann", "secret", "127.0.0.1"));
    }

    GreenMailAccount(GreenMailExtension greenMail, Limits limits) {
        this(greenMail, limits, Optional.of(URI.create("smtp://127.0.0.1:" + greenMail.getSmtp().getPort())));
    }

    GreenMailAccount(GreenMailExtension greenMail) {
        this(greenMail, new Limits(500, 50L * 1024 * 1024, 1000));
    }

    /** The GreenMail folder of a mailbox (GreenMail's delimiter is '.'). */
    MailFolder folder(String mailbox) {
        return greenMail.getManagers().getImapHostManager().getFolder(user, mailbox.replace('/', '.'));
    }

    MailFolder createFolder(String mailbox) {
        try {
            return greenMail.getManagers().getImapHostManager().createMailbox(user, mailbox.replace('/', '.'));
        } catch (FolderException | com.icegreen.greenmail.imap.AuthorizationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stores a message straight into GreenMail and returns its reference. */
    MessageRef put(String mailbox, String subject) {
        MailFolder f = folder(mailbox);
        String text = "From: bob@example.org\r\nTo: ann@example.org\r\nSubject: " + subject + "\r\n\r\nHello\r\n";
        long uid = f.appendMessage(GreenMailUtil.newMimeMessage(text), new jakarta.mail.Flags(), new Date());
        return MessageRef.of(MailboxName.of(mailbox), f.getUidValidity(), uid);
    }

    @Override
    public void close() {
        gateway.close();
    }
}

package org.lemongate.compare;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.HeaderTerm;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * The run's own folders on the IMAP server, reached directly (not through any counting relay, so none of this is
 * measured): a seed folder filled once by APPEND, one copy of it per client so clients never see each other's
 * changes, deliveries of new mail for the push step, and cleanup of everything the run made. Each job logs in
 * afresh: a connection left idle while a slow client runs may be logged out by the server.
 */
final class RunMailbox {

    private static final int TIMEOUT_MILLIS = 60_000;
    private static final int APPEND_BATCH = 50;

    private final Session session;
    private final Endpoints endpoints;
    private final String run;
    private final Set<String> created = new LinkedHashSet<>();

    RunMailbox(Endpoints endpoints, String run) {
        Properties p = new Properties();
        p.put("mail.imap.host", endpoints.imap().getHost());
        p.put("mail.imap.port", Integer.toString(endpoints.imap().getPort() == -1 ? 143 : endpoints.imap().getPort()));
        p.put("mail.imap.connectiontimeout", Integer.toString(TIMEOUT_MILLIS));
        p.put("mail.imap.timeout", Integer.toString(TIMEOUT_MILLIS));
        this.session = Session.getInstance(p);
        this.endpoints = endpoints;
        this.run = run;
    }

    /** The name of one of this run's folders, e.g. {@code compare-20261130t070000-rest}. */
    String folder(String suffix) {
        return "compare-" + run + "-" + suffix;
    }

    /** Creates the seed folder and appends the messages, {@value #APPEND_BATCH} per command. */
    void seed(String name, List<byte[]> messages) throws MessagingException {
        try (Store store = connect()) {
            Folder seed = create(store, name);
            List<Message> batch = new ArrayList<>();
            for (byte[] raw : messages) {
                batch.add(new MimeMessage(session, new ByteArrayInputStream(raw)));
                if (batch.size() == APPEND_BATCH) {
                    seed.appendMessages(batch.toArray(Message[]::new));
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                seed.appendMessages(batch.toArray(Message[]::new));
            }
        }
    }

    /** A fresh copy of the seed folder for one client, and the empty folder its moves go to. */
    void prepare(String seedName, String name, String moveTarget) throws MessagingException {
        try (Store store = connect()) {
            Folder target = create(store, name);
            create(store, moveTarget);
            Folder seed = store.getFolder(seedName);
            seed.open(Folder.READ_ONLY);
            try {
                seed.copyMessages(seed.getMessages(), target);
            } finally {
                seed.close(false);
            }
        }
    }

    /** A connection that delivers new mail into a folder, as the outside world would, one APPEND per message. */
    Delivery delivery(String name) throws MessagingException {
        Store store = connect();
        return new Delivery(store, store.getFolder(name));
    }

    /**
     * Deletes the run's folders and, in every other folder, the messages carrying this run's header (sent copies,
     * delivered mail). Never throws: what could not be removed is returned, one line each, for the user to remove.
     * Each folder gets its own connection, because GreenMail drops the connection that deletes a folder another,
     * already closed session had selected.
     */
    List<String> cleanUp() {
        List<String> leftovers = new ArrayList<>();
        for (String name : created) {
            try (Store store = connect()) {
                Folder folder = store.getFolder(name);
                if (folder.exists()) {
                    folder.delete(true);
                }
            } catch (MessagingException e) {
                leftovers.add("folder " + name + " (" + e.getMessage() + ")");
            }
        }
        created.clear();
        try (Store store = connect()) {
            for (Folder folder : store.getDefaultFolder().list("*")) {
                if ((folder.getType() & Folder.HOLDS_MESSAGES) != 0) {
                    removeOurs((IMAPStore) store, folder);
                }
            }
        } catch (MessagingException e) {
            leftovers.add("messages with " + SampleMessages.HEADER + ": " + run + " (" + e.getMessage() + ")");
        }
        return leftovers;
    }

    private void removeOurs(IMAPStore store, Folder folder) throws MessagingException {
        folder.open(Folder.READ_WRITE);
        try {
            Message[] ours = folder.search(new HeaderTerm(SampleMessages.HEADER, run));
            if (ours.length > 0) {
                folder.setFlags(ours, new Flags(Flags.Flag.DELETED), true);
                // Only this run's messages: a plain EXPUNGE would also remove what the user had marked deleted.
                if (store.hasCapability("UIDPLUS")) {
                    ((IMAPFolder) folder).expunge(ours);
                }
            }
        } finally {
            folder.close(false);
        }
    }

    private Folder create(Store store, String name) throws MessagingException {
        Folder folder = store.getFolder(name);
        if (!folder.exists() && !folder.create(Folder.HOLDS_MESSAGES)) {
            throw new MessagingException("the IMAP server would not create " + name);
        }
        created.add(name);
        return folder;
    }

    private Store connect() throws MessagingException {
        Store store = session.getStore("imap");
        store.connect(endpoints.user(), endpoints.password());
        return store;
    }

    /** An open connection for new mail into one folder. */
    final class Delivery implements AutoCloseable {

        private final Store store;
        private final Folder folder;

        private Delivery(Store store, Folder folder) {
            this.store = store;
            this.folder = folder;
        }

        void deliver(byte[] raw) throws MessagingException {
            folder.appendMessages(new Message[] {new MimeMessage(session, new ByteArrayInputStream(raw))});
        }

        @Override
        public void close() throws MessagingException {
            store.close();
        }
    }
}

package org.lemongate.compare;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.UIDFolder;
import jakarta.mail.event.MailEvent;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.MessageVanishedEvent;
import org.eclipse.angus.mail.imap.ResyncData;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.BODYSTRUCTURE;

/**
 * The baseline: a mail client speaking IMAP (and SMTP to send) straight to the servers, as a good mobile client
 * does — one FETCH for all summaries, partial FETCH in 1 MiB pieces for large parts, one STORE, MOVE or EXPUNGE
 * for many messages, IDLE for push, and QRESYNC for the incremental sync where the server has it (else a UID-based
 * delta).
 */
final class ImapClient implements MailClient {

    private static final int CHUNK = 1024 * 1024;
    private static final int TIMEOUT_MILLIS = 60_000;

    private final CountingRelay imapRelay;
    private final Optional<CountingRelay> smtpRelay;
    private final Session session;
    private final IMAPStore store;
    private final Endpoints endpoints;
    private final Mirror mirror = new Mirror();
    private final boolean qresync;
    private IMAPFolder folder;
    private long lastUid;
    /** Where the last sync left off, on a server with QRESYNC; null without. */
    private ResyncData resync;

    private ImapClient(CountingRelay imapRelay, Optional<CountingRelay> smtpRelay, Session session, IMAPStore store,
                       Endpoints endpoints) {
        this.endpoints = endpoints;
        this.imapRelay = imapRelay;
        this.smtpRelay = smtpRelay;
        this.session = session;
        this.store = store;
        this.qresync = hasQresync(store);
    }

    private static boolean hasQresync(IMAPStore store) {
        try {
            return store.hasCapability("QRESYNC");
        } catch (MessagingException e) {
            return false;
        }
    }

    /** Connects to the IMAP server through a counting relay (and the proxy's tunnel, when given). */
    static ImapClient connect(Endpoints endpoints) throws MessagingException {
        CountingRelay imap = CountingRelay.start(endpoints.imapUpstream(), "imap");
        Optional<CountingRelay> smtp = endpoints.smtpUpstream().map(u -> CountingRelay.start(u, "smtp"));
        Properties p = new Properties();
        p.put("mail.imap.host", imap.address().getHostString());
        p.put("mail.imap.port", Integer.toString(imap.address().getPort()));
        p.put("mail.imap.connectiontimeout", Integer.toString(TIMEOUT_MILLIS));
        p.put("mail.imap.timeout", Integer.toString(TIMEOUT_MILLIS));
        p.put("mail.imap.fetchsize", Integer.toString(CHUNK));
        smtp.ifPresent(s -> {
            p.put("mail.smtp.host", s.address().getHostString());
            p.put("mail.smtp.port", Integer.toString(s.address().getPort()));
            p.put("mail.smtp.auth", "true");
            p.put("mail.smtp.connectiontimeout", Integer.toString(TIMEOUT_MILLIS));
            p.put("mail.smtp.timeout", Integer.toString(TIMEOUT_MILLIS));
        });
        Session session = Session.getInstance(p);
        IMAPStore store = (IMAPStore) session.getStore("imap");
        try {
            store.connect(endpoints.user(), endpoints.password());
        } catch (MessagingException e) {
            imap.close();
            smtp.ifPresent(CountingRelay::close);
            throw e;
        }
        return new ImapClient(imap, smtp, session, store, endpoints);
    }

    @Override
    public String name() {
        return "IMAP";
    }

    @Override
    public Traffic traffic() {
        Traffic t = imapRelay.snapshot();
        return smtpRelay.map(s -> t.plus(s.snapshot())).orElse(t);
    }

    @Override
    public List<MessageHandle> sync(Latencies latencies, String folderName, boolean initial) throws Exception {
        if (initial) {
            Folder[] folders = latencies.time(() -> store.getDefaultFolder().list("*"));
            for (Folder f : folders) {
                if ((f.getType() & Folder.HOLDS_MESSAGES) != 0) {
                    IMAPFolder imapFolder = (IMAPFolder) f;
                    latencies.time(() -> imapFolder.doCommand(p -> p.status(imapFolder.getFullName(),
                            new String[] {"MESSAGES", "UNSEEN"})));
                }
            }
            folder = (IMAPFolder) store.getFolder(folderName);
            latencies.time(() -> folder.open(Folder.READ_WRITE, qresync ? ResyncData.CONDSTORE : null));
            Message[] all = folder.getMessages();
            latencies.time(() -> {
                folder.fetch(all, summaries());
                return null;
            });
            resync = qresync ? new ResyncData(folder.getUIDValidity(), folder.getHighestModSeq()) : null;
            List<MessageHandle> listing = handles(folder.getMessages(), true);
            mirror.replace(listing);
            return listing;
        }
        return resync != null ? quickResync(latencies) : uidDelta(latencies);
    }

    /**
     * QRESYNC (RFC 7162): select again with the UIDVALIDITY and mod-sequence of the initial sync; the server answers
     * the UIDs that vanished and the flags that changed since, and the client fetches summaries of the new UIDs only.
     */
    private List<MessageHandle> quickResync(Latencies latencies) throws Exception {
        List<MailEvent> events = latencies.time(() -> {
            folder.close(false);
            return folder.open(Folder.READ_WRITE, resync);
        });
        for (MailEvent event : events) {
            if (event instanceof MessageVanishedEvent vanished) {
                for (long uid : vanished.getUIDs()) {
                    mirror.vanish(Long.toString(uid));
                }
            }
        }
        long known = lastUid;
        Message[] candidates = latencies.time(() -> folder.getMessagesByUID(known + 1, UIDFolder.MAXUID));
        Message[] added = Arrays.stream(candidates).filter(m -> m != null && uid(m) > known).toArray(Message[]::new);
        latencies.time(() -> {
            folder.fetch(added, summaries());
            return null;
        });
        handles(added, true).forEach(mirror::add);
        resync = new ResyncData(folder.getUIDValidity(), folder.getHighestModSeq());
        return mirror.listing();
    }

    private List<MessageHandle> uidDelta(Latencies latencies) throws Exception {
        // As a mobile client back from the background: select again (fresh counts, whatever the server reported
        // meanwhile), flags and UIDs of all, summaries of the new ones only.
        latencies.time(() -> {
            folder.close(false);
            folder.open(Folder.READ_WRITE);
            return null;
        });
        Message[] all = folder.getMessages();
        FetchProfile flags = new FetchProfile();
        flags.add(FetchProfile.Item.FLAGS);
        flags.add(UIDFolder.FetchProfileItem.UID);
        latencies.time(() -> {
            folder.fetch(all, flags);
            return null;
        });
        long known = lastUid;
        Message[] added = Arrays.stream(all).filter(m -> uid(m) > known).toArray(Message[]::new);
        latencies.time(() -> {
            folder.fetch(added, summaries());
            return null;
        });
        return handles(all, false);
    }

    /** Handles for the messages; summaries (subject, size) only where fetched, so no hidden extra FETCH. */
    private List<MessageHandle> handles(Message[] messages, boolean withSummaries) throws MessagingException {
        List<MessageHandle> handles = new ArrayList<>();
        long previous = lastUid;
        for (Message m : messages) {
            long uid = folder.getUID(m);
            boolean summarised = withSummaries || uid > previous;
            lastUid = Math.max(lastUid, uid);
            handles.add(new MessageHandle(uid, Long.toString(uid), summarised ? m.getSubject() : "",
                    summarised ? m.getSize() : -1));
        }
        return handles;
    }

    @Override
    public String incrementalSync() {
        return qresync ? "QRESYNC from the initial sync's mod-sequence"
                : "UID delta: flags and UIDs of all, summaries of the new (the server has no QRESYNC)";
    }

    @Override
    public long open(Latencies latencies, MessageHandle message) throws Exception {
        int number = message(message).getMessageNumber();
        BODY body = latencies.time(() -> (BODY) folder.doCommand(p -> p.peekBody(number, "")));
        return body.getByteArray().getCount();
    }

    @Override
    public Download download(Latencies latencies, MessageHandle message, long cutAt) throws Exception {
        IMAPMessage m = message(message);
        int number = m.getMessageNumber();
        BODYSTRUCTURE structure = latencies.time(() -> (BODYSTRUCTURE) folder.doCommand(
                p -> p.fetchBodyStructure(number)));
        int size = structure.bodies[1].size;
        MessageDigest digest = Downloads.sha256();
        Base64Feed feed = new Base64Feed(digest);
        fetchRange(latencies, number, 0, (int) Math.min(cutAt, size), feed);
        fetchRange(latencies, number, (int) Math.min(cutAt, size), size, feed);
        return new Download(feed.decoded(), Downloads.hex(digest), false, "", -1);
    }

    /** Partial FETCHes of section 2 from {@code start} (inclusive) to {@code end} (exclusive), decoding base64. */
    private void fetchRange(Latencies latencies, int number, int start, int end, Base64Feed feed) throws Exception {
        for (int at = start; at < end; at += CHUNK) {
            int from = at;
            int length = Math.min(CHUNK, end - at);
            BODY piece = latencies.time(() -> (BODY) folder.doCommand(p -> p.peekBody(number, "2", from, length)));
            var bytes = piece.getByteArray();
            char[] chars = new String(bytes.getBytes(), bytes.getStart(), bytes.getCount(),
                    StandardCharsets.US_ASCII).toCharArray();
            feed.feed(chars, 0, chars.length);
        }
    }

    @Override
    public void flag(Latencies latencies, List<MessageHandle> messages) throws Exception {
        Message[] ms = messages(messages);
        latencies.time(() -> {
            folder.setFlags(ms, new Flags(Flags.Flag.FLAGGED), true);
            return null;
        });
    }

    @Override
    public void move(Latencies latencies, List<MessageHandle> messages, String target) throws Exception {
        Message[] ms = messages(messages);
        Folder to = store.getFolder(target);
        if (store.hasCapability("MOVE")) {
            latencies.time(() -> {
                folder.moveMessages(ms, to);
                return null;
            });
        } else {
            latencies.time(() -> {
                folder.copyMessages(ms, to);
                return null;
            });
            expunge(latencies, ms);
        }
    }

    @Override
    public void delete(Latencies latencies, List<MessageHandle> messages) throws Exception {
        expunge(latencies, messages(messages));
    }

    private void expunge(Latencies latencies, Message[] ms) throws Exception {
        latencies.time(() -> {
            folder.setFlags(ms, new Flags(Flags.Flag.DELETED), true);
            return null;
        });
        latencies.time(() -> store.hasCapability("UIDPLUS") ? folder.expunge(ms) : folder.expunge());
    }

    @Override
    public void send(Latencies latencies, byte[] message) throws Exception {
        if (smtpRelay.isEmpty()) {
            throw new IllegalStateException("the workload sends only when an SMTP server was given");
        }
        MimeMessage mime = new MimeMessage(session, new ByteArrayInputStream(message));
        latencies.time(() -> {
            try (Transport smtp = session.getTransport("smtp")) {
                smtp.connect(endpoints.user(), endpoints.password());
                smtp.sendMessage(mime, mime.getAllRecipients());
            }
            return null;
        });
        Optional<Folder> sent = sentFolder();
        if (sent.isPresent()) {
            latencies.time(() -> {
                sent.get().appendMessages(new Message[] {mime});
                return null;
            });
        }
    }

    @Override
    public PushWatch watch(String folderName) throws Exception {
        IMAPFolder idling = (IMAPFolder) store.getFolder(folderName);
        idling.open(Folder.READ_ONLY);
        return new IdleWatch(idling);
    }

    @Override
    public void close() {
        try {
            if (folder != null && folder.isOpen()) {
                folder.close(false);
            }
            store.close();
        } catch (MessagingException e) {
            // Logging out is a courtesy; the relay closes the sockets either way.
        }
        imapRelay.close();
        smtpRelay.ifPresent(CountingRelay::close);
    }

    private Optional<Folder> sentFolder() throws MessagingException {
        for (Folder f : store.getDefaultFolder().list("*")) {
            for (String attribute : ((IMAPFolder) f).getAttributes()) {
                if (attribute.equalsIgnoreCase("\\Sent")) {
                    return Optional.of(f);
                }
            }
        }
        Folder byName = store.getFolder("Sent");
        return byName.exists() ? Optional.of(byName) : Optional.empty();
    }

    private long uid(Message m) {
        try {
            return folder.getUID(m);
        } catch (MessagingException e) {
            throw new IllegalStateException("the UID was fetched just before", e);
        }
    }

    private IMAPMessage message(MessageHandle handle) throws MessagingException {
        Message m = folder.getMessageByUID(handle.uid());
        if (m == null) {
            throw new MessagingException("uid " + handle.uid() + " is not in " + folder.getFullName());
        }
        return (IMAPMessage) m;
    }

    private Message[] messages(List<MessageHandle> handles) throws MessagingException {
        Message[] ms = new Message[handles.size()];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = message(handles.get(i));
        }
        return ms;
    }

    private static FetchProfile summaries() {
        FetchProfile profile = new FetchProfile();
        profile.add(FetchProfile.Item.ENVELOPE);
        profile.add(FetchProfile.Item.FLAGS);
        profile.add(FetchProfile.Item.SIZE);
        profile.add(UIDFolder.FetchProfileItem.UID);
        return profile;
    }

    /** IMAP IDLE on its own connection; each EXISTS that grows the folder is one arrival. */
    private static final class IdleWatch implements PushWatch {

        private final IMAPFolder folder;
        private final Arrivals arrivals = new Arrivals();
        private final Thread idler;
        private volatile boolean stopped;

        IdleWatch(IMAPFolder folder) {
            this.folder = folder;
            folder.addMessageCountListener(new MessageCountAdapter() {
                @Override
                public void messagesAdded(MessageCountEvent e) {
                    arrivals.arrived(e.getMessages().length);
                }
            });
            idler = new Thread(this::idle, "imap-idle");
            idler.setDaemon(true);
            idler.start();
        }

        private void idle() {
            while (!stopped) {
                try {
                    folder.idle(true);
                } catch (MessagingException e) {
                    return;
                }
            }
        }

        @Override
        public OptionalLong awaitNext(Duration timeout) throws InterruptedException {
            return arrivals.next(timeout);
        }

        @Override
        public void close() {
            stopped = true;
            try {
                folder.close(false);
            } catch (MessagingException e) {
                // The connection is going away anyway.
            }
        }
    }
}

package org.lemongate.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeUtility;

import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODYSTRUCTURE;
import org.eclipse.angus.mail.imap.protocol.ENVELOPE;
import org.eclipse.angus.mail.imap.protocol.FLAGS;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.INTERNALDATE;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.eclipse.angus.mail.imap.protocol.UIDSet;

/**
 * The baseline: the shortest Jakarta Mail code a knowledgeable developer would write for each operation, on one
 * connection held open (as the gateway's pool holds one), with the same tuning (partial fetch size). Like the
 * gateway, each operation starts with NOOP so that it sees what other sessions changed since the last one (a server
 * only shows a long-open session new or expunged mail after such a command). Also the untuned default for reference.
 */
final class HandWrittenImap implements AutoCloseable {

    private final Store store;
    private final IMAPFolder inbox;

    HandWrittenImap(String host, int port, String user, String password, int fetchSize) throws MessagingException {
        Properties props = new Properties();
        props.put("mail.imap.partialfetch", "true");
        props.put("mail.imap.fetchsize", Integer.toString(fetchSize));
        props.put("mail.imap.connectiontimeout", "10000");
        props.put("mail.imap.timeout", "30000");
        this.store = Session.getInstance(props).getStore("imap");
        store.connect(host, port, user, password);
        this.inbox = (IMAPFolder) store.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
    }

    private void sync() throws MessagingException {
        inbox.doCommand(p -> {
            p.noop();
            return null;
        });
    }

    /** Appends messages to INBOX and returns their UIDs (seeding, not measured). */
    long[] append(List<Message> messages) throws MessagingException {
        var uids = inbox.appendUIDMessages(messages.toArray(new Message[0]));
        long[] out = new long[uids.length];
        for (int i = 0; i < uids.length; i++) {
            out[i] = uids[i].uid;
        }
        return out;
    }

    /** The newest {@code n} summaries: UID SORT, then one UID FETCH of the same items the gateway reads. */
    int newestSummaries(int n) throws MessagingException {
        Object count = inbox.doCommand(p -> {
            p.noop();
            Response[] sorted = p.command("UID SORT (ARRIVAL) UTF-8 ALL", null);
            p.handleResult(sorted[sorted.length - 1]);
            List<Long> uids = new ArrayList<>();
            for (Response r : sorted) {
                if (r instanceof IMAPResponse ir && ir.keyEquals("SORT")) {
                    long u;
                    while ((u = ir.readLong()) != -1) {
                        uids.add(u);
                    }
                }
            }
            Collections.reverse(uids);
            List<Long> page = uids.subList(0, Math.min(n, uids.size()));
            String set = UIDSet.toString(UIDSet.createUIDSets(page.stream().mapToLong(Long::longValue).sorted()
                    .toArray()));
            Response[] fetched = p.command("UID FETCH " + set
                    + " (UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE)", null);
            p.handleResult(fetched[fetched.length - 1]);
            List<Summary> summaries = new ArrayList<>();
            for (Response r : fetched) {
                if (r instanceof FetchResponse f) {
                    ENVELOPE env = f.getItem(ENVELOPE.class);
                    summaries.add(new Summary(f.getItem(UID.class).uid, decode(env.subject), addresses(env.from),
                            addresses(env.to), addresses(env.cc), env.date,
                            f.getItem(INTERNALDATE.class).getDate(), f.getItem(RFC822SIZE.class).size,
                            new Flags(f.getItem(FLAGS.class)), hasAttachment(f.getItem(BODYSTRUCTURE.class))));
                }
            }
            int seen = summaries.size();
            return seen;
        });
        return (Integer) count;
    }

    /** What a message list shows, as the gateway's summary carries it. */
    private record Summary(long uid, String subject, List<String> from, List<String> to, List<String> cc,
                           java.util.Date sent, java.util.Date received, long size, Flags flags, boolean attachment) {
    }

    private static List<String> addresses(jakarta.mail.internet.InternetAddress[] list) {
        List<String> out = new ArrayList<>();
        if (list != null) {
            for (jakarta.mail.internet.InternetAddress a : list) {
                out.add(a.getPersonal() + " " + a.getAddress());
            }
        }
        return out;
    }

    private static boolean hasAttachment(BODYSTRUCTURE bs) {
        if (bs.isMulti()) {
            for (BODYSTRUCTURE b : bs.bodies) {
                if (hasAttachment(b)) {
                    return true;
                }
            }
            return false;
        }
        return "attachment".equalsIgnoreCase(bs.disposition)
                || bs.dParams != null && bs.dParams.get("filename") != null
                || bs.cParams != null && bs.cParams.get("name") != null;
    }

    private static String decode(String s) {
        try {
            return s == null ? "" : MimeUtility.decodeText(s);
        } catch (java.io.UnsupportedEncodingException e) {
            return s;
        }
    }

    /** Jakarta Mail out of the box: per-message getters, each a FETCH of its own (no FetchProfile). */
    int newestSummariesUntuned(int n) throws MessagingException {
        Folder f = store.getFolder("INBOX");
        f.open(Folder.READ_ONLY);
        try {
            int total = f.getMessageCount();
            int seen = 0;
            for (Message m : f.getMessages(Math.max(1, total - n + 1), total)) {
                if (m.getSubject() != null && m.getFrom() != null && m.getReceivedDate() != null
                        && m.getSize() >= 0 && m.getFlags() != null) {
                    seen++;
                }
            }
            return seen;
        } finally {
            f.close(false);
        }
    }

    /** Streams the whole raw message. */
    long raw(long uid) throws Exception {
        sync();
        Message m = inbox.getMessageByUID(uid);
        CountingSink sink = new CountingSink();
        m.writeTo(sink);
        return sink.count;
    }

    /** Streams the decoded attachment at part index {@code index} (0-based) of a multipart message. */
    long attachment(long uid, int index) throws Exception {
        sync();
        Message m = inbox.getMessageByUID(uid);
        Part part = ((Multipart) m.getContent()).getBodyPart(index);
        try (InputStream in = part.getInputStream()) {
            return in.transferTo(OutputStream.nullOutputStream());
        }
    }

    /** Sets or clears \Flagged. */
    void flag(long uid, boolean on) throws MessagingException {
        sync();
        inbox.getMessageByUID(uid).setFlag(Flags.Flag.FLAGGED, on);
    }

    /** A FetchProfile-tuned variant, to show what the high-level API costs when used well. */
    int newestSummariesFetchProfile(int n) throws MessagingException {
        Folder f = store.getFolder("INBOX");
        f.open(Folder.READ_ONLY);
        try {
            int total = f.getMessageCount();
            Message[] page = f.getMessages(Math.max(1, total - n + 1), total);
            FetchProfile fp = new FetchProfile();
            fp.add(FetchProfile.Item.ENVELOPE);
            fp.add(FetchProfile.Item.FLAGS);
            fp.add(FetchProfile.Item.CONTENT_INFO);
            fp.add(FetchProfile.Item.SIZE);
            fp.add(jakarta.mail.UIDFolder.FetchProfileItem.UID);
            f.fetch(page, fp);
            int seen = 0;
            for (Message m : page) {
                if (m.getSubject() != null && m.getReceivedDate() != null) {
                    seen++;
                }
            }
            return seen;
        } finally {
            f.close(false);
        }
    }

    @Override
    public void close() throws MessagingException {
        inbox.close(false);
        store.close();
    }

    private static final class CountingSink extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}

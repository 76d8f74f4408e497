package org.lemongate.mapping.imap;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.ByteArray;
import org.eclipse.angus.mail.iap.CommandFailedException;
import org.eclipse.angus.mail.iap.ConnectionException;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.imap.protocol.ListInfo;
import org.eclipse.angus.mail.imap.protocol.MailboxInfo;
import org.eclipse.angus.mail.util.MailLogger;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;

/**
 * One authenticated IMAP connection, used by one thread at a time while leased from the {@link ConnectionPool}.
 * Remembers the selected mailbox so that consecutive operations on one mailbox need no new SELECT.
 */
final class ImapConnection {

    private static final MailLogger QUIET = new MailLogger(ImapConnection.class, "DEBUG IMAP", false, System.out);

    private final SyncLiteralProtocol protocol;
    private final String user;
    private final String poolKey;
    private final char delimiter;
    private Selected selected;
    /** Whether the server holds a mailbox selected (even one we forgot), so that UNSELECT is allowed. */
    private boolean serverSelected;
    /** Whether the reused selection must catch up with changes by other sessions before the next command. */
    private boolean syncPending;
    private boolean broken;
    private boolean qresync;
    private long uses;
    private long catchUps;
    private long lastUsedNanos = System.nanoTime();

    /** The mailbox this connection has selected, with the numbers SELECT reported. */
    record Selected(MailboxName name, long uidValidity, long uidNext, int exists, long highestModSeq) {
    }

    private ImapConnection(SyncLiteralProtocol protocol, String user, String poolKey, char delimiter) {
        this.protocol = protocol;
        this.user = user;
        this.poolKey = poolKey;
        this.delimiter = delimiter;
    }

    /**
     * Connects, secures (STARTTLS per settings), logs in and learns the hierarchy delimiter.
     *
     * @throws MailException.AuthFailed         the server refused the credentials
     * @throws MailException.BackendUnavailable the server cannot be reached or does not answer in time
     */
    static ImapConnection open(BackendSettings settings, Properties props, Credentials credentials) {
        boolean ssl = settings.imap().getScheme().equalsIgnoreCase("imaps");
        int port = settings.imap().getPort() > 0 ? settings.imap().getPort() : ssl ? 993 : 143;
        SyncLiteralProtocol p;
        try {
            p = new SyncLiteralProtocol(settings.imap().getHost(), port, props, ssl, QUIET);
        } catch (IOException e) {
            throw Failures.translate(e, "IMAP server");
        } catch (ProtocolException e) {
            throw Failures.translate(e, "connect");
        }
        try {
            if (!ssl && settings.startTls() != BackendSettings.StartTls.OFF) {
                if (p.hasCapability("STARTTLS")) {
                    startTls(p);
                } else if (settings.startTls() == BackendSettings.StartTls.REQUIRED) {
                    throw new MailException.BackendError("the IMAP server does not offer STARTTLS, which the "
                            + "gateway's configuration requires", null);
                }
            }
            authenticate(p, credentials);
            char delimiter = hierarchyDelimiter(p);
            return new ImapConnection(p, credentials.user(), credentials.poolKey(), delimiter);
        } catch (ProtocolException e) {
            p.disconnect();
            throw Failures.translate(e, "log in");
        } catch (RuntimeException e) {
            p.disconnect();
            throw e;
        }
    }

    private static void startTls(IMAPProtocol p) throws ProtocolException {
        try {
            p.startTLS();
        } catch (ProtocolException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof javax.net.ssl.SSLException ssl) {
                    throw Failures.translate(ssl, "IMAP server");
                }
            }
            throw e;
        }
    }

    private static void authenticate(IMAPProtocol p, Credentials c) throws ProtocolException {
        try {
            if (c.kind() == Credentials.Kind.BEARER) {
                p.authoauth2(c.user(), c.secret());
            } else if (p.hasCapability("AUTH=PLAIN")) {
                // SASL PLAIN carries UTF-8 user names and passwords that LOGIN's quoted strings may not.
                p.authplain("", c.user(), c.secret());
            } else if (!p.hasCapability("LOGINDISABLED")) {
                p.login(c.user(), c.secret());
            } else {
                throw new MailException.BackendError("the IMAP server allows no login mechanism the gateway "
                        + "supports (PLAIN, LOGIN) on this connection", null);
            }
        } catch (CommandFailedException e) {
            String code = Failures.responseCode(Failures.serverText(e.getResponse()));
            if (code.equals("UNAVAILABLE")) {
                throw Failures.translate(e, "log in");
            }
            throw new MailException.AuthFailed("the IMAP server rejected the user name or password");
        } catch (ProtocolException e) {
            if (e.getResponse() != null && e.getResponse().isBAD()) {
                throw new MailException.AuthFailed("the IMAP server rejected the user name or password");
            }
            throw e;
        }
        if (!p.isAuthenticated()) {
            throw new MailException.AuthFailed("the IMAP server rejected the user name or password");
        }
    }

    private static char hierarchyDelimiter(IMAPProtocol p) throws ProtocolException {
        ListInfo[] root = p.list("", "");
        if (root != null && root.length > 0 && root[0].separator != '\0') {
            return root[0].separator;
        }
        return '/';
    }

    /** The protocol object, for commands; only while leased. */
    IMAPProtocol protocol() {
        return protocol;
    }

    String user() {
        return user;
    }

    String poolKey() {
        return poolKey;
    }

    /** The server's hierarchy delimiter. */
    char delimiter() {
        return delimiter;
    }

    /** Whether the server announced the capability. */
    boolean has(String capability) {
        return protocol.hasCapability(capability);
    }

    /** The server's capabilities, upper case. */
    List<String> capabilities() {
        List<String> caps = new ArrayList<>();
        protocol.getCapabilities().keySet().forEach(k -> caps.add(k.toUpperCase(Locale.ROOT)));
        return caps;
    }

    /**
     * The server's name for a mailbox (Unicode; the protocol layer applies modified UTF-7).
     *
     * @throws MailException.InvalidInput when a level contains the server's delimiter
     */
    String serverName(MailboxName name) {
        if (delimiter == '/') {
            return name.path();
        }
        for (String segment : name.segments()) {
            if (segment.indexOf(delimiter) >= 0) {
                throw new MailException.InvalidInput("mailbox", "mailbox name level '" + segment
                        + "' contains '" + delimiter + "', which this IMAP server uses as hierarchy separator");
            }
        }
        return name.path().replace('/', delimiter);
    }

    /** The user-facing name of a server mailbox name, or null when it cannot be shown as one. */
    MailboxName userName(String serverName) {
        String path = delimiter == '/' ? serverName : toSlashes(serverName);
        try {
            return MailboxName.of(path);
        } catch (MailException.InvalidInput e) {
            return null;
        }
    }

    private String toSlashes(String serverName) {
        if (serverName.indexOf('/') >= 0) {
            return null;
        }
        return serverName.replace(delimiter, '/');
    }

    /**
     * Selects the mailbox unless it is selected already.
     *
     * @throws MailException.NotFound when it does not exist or cannot be selected
     */
    Selected select(MailboxName name) throws ProtocolException {
        if (selected != null && selected.name().equals(name)) {
            syncPending = true;
            return selected;
        }
        selected = null;
        syncPending = false;
        try {
            MailboxInfo info = selectOnce(name);
            serverSelected = true;
            selected = new Selected(name, info.uidvalidity, info.uidnext, info.total, info.highestmodseq);
            return selected;
        } catch (CommandFailedException e) {
            serverSelected = false; // a failed SELECT leaves the connection in authenticated state
            MailException m = Failures.translate(e, "open mailbox '" + name + "'");
            if (m instanceof MailException.BackendError) {
                throw new MailException.NotFound("mailbox '" + name + "' does not exist or cannot be opened");
            }
            throw m;
        }
    }

    /**
     * SELECT, tried a second time when the server reports ALREADYEXISTS: Dovecot auto-creates a new user's mailboxes
     * on first use and a concurrent session's SELECT can lose that race, while the mailbox is then there.
     */
    private MailboxInfo selectOnce(MailboxName name) throws ProtocolException {
        try {
            return protocol.select(serverName(name));
        } catch (CommandFailedException e) {
            if (!Failures.responseCode(Failures.serverText(e.getResponse())).equals("ALREADYEXISTS")) {
                throw e;
            }
            return protocol.select(serverName(name));
        }
    }

    /**
     * Selects the message's mailbox and checks that the reference was issued under its current UIDVALIDITY.
     *
     * @throws MailException.StaleState when it was not
     */
    Selected selectFor(MessageRef ref) throws ProtocolException {
        Selected s = select(ref.mailbox());
        if (s.uidValidity() != ref.uidValidity()) {
            throw new MailException.StaleState("message id " + ref.localId() + " refers to an earlier state of mailbox '"
                    + ref.mailbox() + "' (UIDVALIDITY is now " + s.uidValidity() + "); list the mailbox again");
        }
        return s;
    }

    /**
     * {@link #selectFor} for the next chunk of a message section whose first chunk this request has fetched already:
     * without the catch-up NOOP of a reused selection. The bytes of a UID never change under one UIDVALIDITY, so
     * news from other sessions cannot alter the rest of the section; a message expunged meanwhile shows as a FETCH
     * without data, as it would after a NOOP. The next operation's {@link #select} catches up as usual.
     *
     * @throws MailException.StaleState when the reference was issued under another UIDVALIDITY
     */
    Selected selectForContinuation(MessageRef ref) throws ProtocolException {
        Selected s = selectFor(ref);
        syncPending = false;
        return s;
    }

    /**
     * Whether mod-sequence based change tracking is possible: QRESYNC (RFC 7162) for VANISHED, and UNSELECT to leave
     * a selected mailbox before ENABLE, which RFC 5161 allows only in the authenticated state.
     */
    boolean canTrackModSeq() {
        return protocol.hasCapability("QRESYNC") && protocol.hasCapability("UNSELECT");
    }

    /**
     * Enables QRESYNC once per connection (after which the server reports expunges as VANISHED and SELECT reports
     * HIGHESTMODSEQ), then selects the mailbox afresh so that UIDNEXT and HIGHESTMODSEQ are current.
     */
    Selected selectTracked(MailboxName name) throws ProtocolException {
        if (!qresync) {
            unselect();
            protocol.enable("QRESYNC");
            qresync = true;
        }
        return selectFresh(name);
    }

    /** Selects the mailbox with a new SELECT, so that its numbers are current. */
    Selected selectFresh(MailboxName name) throws ProtocolException {
        forgetSelection();
        return select(name);
    }

    /** Whether this mailbox is the one selected (as far as this connection knows). */
    boolean hasSelected(MailboxName name) {
        return selected != null && selected.name().equals(name);
    }

    /** Makes the next {@link #select} issue a fresh SELECT, e.g. to read an up-to-date message count. */
    void forgetSelection() {
        selected = null;
        syncPending = false;
    }

    /**
     * Leaves the selected state (UNSELECT where the server has it) before commands that may change or remove the
     * selected mailbox.
     */
    void unselect() throws ProtocolException {
        selected = null;
        syncPending = false;
        if (serverSelected && protocol.hasCapability("UNSELECT")) {
            protocol.unselect();
            serverSelected = false;
        }
    }

    /**
     * Runs a command and throws on NO, BAD or BYE. When the selection is reused from an earlier lease, a NOOP goes
     * first, so the server brings this session up to date with what other sessions changed: new mail is visible
     * and expunged messages are gone. (Pipelining it would save the round trip, but Dovecot defers the mailbox sync
     * while further commands are queued, so the next command would still see the old state.)
     */
    Response[] command(String command, Argument args) throws ProtocolException {
        return command(command, args, null);
    }

    /**
     * {@link #command} whose first response (a FETCH's, unless the server slips in news first) is read into
     * {@code buffer}: a body chunk's reused buffer, which then holds that response's data.
     */
    Response[] fetchInto(String command, ByteArray buffer) throws ProtocolException {
        return command(command, null, buffer);
    }

    /** Reads a literal that {@link #streamLiteral} hands over from the socket. */
    @FunctionalInterface
    interface LiteralReader {
        /**
         * @param length  the literal's length
         * @param literal its bytes, ending where it ends; what is left unread is skipped (or the connection dropped)
         */
        void read(long length, InputStream literal) throws IOException;
    }

    /** What {@link #streamLiteral} did. */
    enum Streamed {
        /** The literal went to the reader. */
        READ,
        /** The command succeeded without a literal: the message is gone. */
        NO_LITERAL,
        /** Nothing was sent: the socket cannot be read by hand on this connection now. */
        NOT_POSSIBLE
    }

    /** Longest remainder of a literal skipped when its reader stops early; beyond it the connection is dropped. */
    static final long SKIP_LIMIT = 64L * 1024 * 1024;

    /**
     * Runs a FETCH of one body section and hands the section's literal to {@code reader} straight from the socket,
     * however long it is, where Jakarta Mail would read it into one array (ADR 0044); the rest of the answer is read
     * here. The selection must be current (see {@link #selectForContinuation}). News the server slips in (another
     * session's changes) bypasses Jakarta Mail, so the connection is then retired after this command.
     */
    Streamed streamLiteral(String command, LiteralReader reader) throws ProtocolException {
        Optional<InputStream> socket;
        String tag;
        try {
            socket = protocol.idleSocketInput();
            if (socket.isEmpty()) {
                return Streamed.NOT_POSSIBLE;
            }
            tag = protocol.writeCommand(command, null);
        } catch (IOException e) {
            throw lost(e);
        }
        InputStream in = socket.get();
        boolean read = false;
        boolean news = false;
        try {
            while (true) {
                String line = RawResponses.line(in);
                if (line.startsWith(tag + " ")) {
                    if (news) {
                        markBroken();
                    }
                    protocol.handleResult(new Response(line));
                    return read ? Streamed.READ : Streamed.NO_LITERAL;
                }
                long length = RawResponses.literalLength(line);
                // Only the FETCH asked for carries a body section; unsolicited FETCHes carry flags.
                boolean ours = !read && length >= 0 && line.startsWith("* ") && line.contains(" FETCH (")
                        && line.contains("BODY[");
                news |= line.startsWith("* ") && !ours;
                if (ours) {
                    read = true;
                    if (!handOver(in, length, reader)) {
                        return Streamed.READ;
                    }
                } else if (length >= 0) {
                    RawResponses.skip(in, length);
                }
            }
        } catch (IOException e) {
            throw lost(e);
        }
    }

    /** Gives the literal to the reader and skips what it left; false when too much was left and the connection is retired. */
    private boolean handOver(InputStream in, long length, LiteralReader reader) throws IOException {
        RawResponses.Literal literal = new RawResponses.Literal(in, length);
        try {
            reader.read(length, literal);
        } catch (RuntimeException | IOException e) {
            markBroken();
            throw e;
        }
        if (literal.left() > SKIP_LIMIT) {
            markBroken();
            return false;
        }
        RawResponses.skip(literal, literal.left());
        return true;
    }

    private ConnectionException lost(IOException e) {
        markBroken();
        return new ConnectionException(protocol, Response.byeResponse(e));
    }

    private Response[] command(String command, Argument args, ByteArray buffer) throws ProtocolException {
        boolean reusedSelection = syncPending;
        catchUp();
        Response[] r;
        protocol.readNextResponseInto(buffer);
        try {
            r = protocol.command(command, args);
        } finally {
            // Never left armed: another operation's response must not land in a buffer the stream reuses.
            protocol.readNextResponseInto(null);
        }
        try {
            protocol.handleResult(r[r.length - 1]);
        } catch (CommandFailedException e) {
            if (reusedSelection && selected != null) {
                checkSelectionSurvived();
            }
            throw e;
        }
        return r;
    }

    /**
     * Cyrus tells a session nothing when another session deletes its selected mailbox (Dovecot ends such a session):
     * the catch-up NOOP succeeds and the next command fails with a bare NO "Mailbox does not exist". A fresh SELECT
     * tells whether the mailbox is gone or was created again under a new UIDVALIDITY, which the caller's message
     * references and cursors predate.
     *
     * @throws MailException.NotFound when the mailbox is gone
     * @throws MailException.StaleState when it was recreated
     */
    private void checkSelectionSurvived() throws ProtocolException {
        Selected reused = selected;
        Selected now = selectFresh(reused.name());
        if (now.uidValidity() != reused.uidValidity()) {
            throw new MailException.StaleState("mailbox '" + reused.name() + "' was deleted and created again "
                    + "(UIDVALIDITY is now " + now.uidValidity() + "); list the mailbox again");
        }
    }

    /** The NOOP of {@link #command}, for callers that use {@link #protocol()} directly. */
    void catchUp() throws ProtocolException {
        if (syncPending) {
            syncPending = false;
            catchUps++;
            protocol.noop();
        }
    }

    /** How many catch-up NOOPs this connection sent: each is a round trip, so they are worth counting. */
    long catchUps() {
        return catchUps;
    }

    /** How many operations completed on this connection. */
    long uses() {
        return uses;
    }

    void used() {
        uses++;
    }

    void markBroken() {
        broken = true;
    }

    boolean isBroken() {
        return broken;
    }

    void touch() {
        lastUsedNanos = System.nanoTime();
    }

    long idleNanos() {
        return System.nanoTime() - lastUsedNanos;
    }

    /** Drops the TCP connection without a word to the server: for broken connections. */
    void disconnect() {
        protocol.disconnect();
    }

    /** Logs out politely (bounded by the read timeout), then closes. */
    void logout() {
        try {
            protocol.logout();
        } catch (ProtocolException | RuntimeException e) {
            protocol.disconnect();
        }
    }

    @Override
    public String toString() {
        return "ImapConnection[user=" + user + "]";
    }
}

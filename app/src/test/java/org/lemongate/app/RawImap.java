package org.lemongate.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mail server's other side in push tests: a plain IMAP session that appends, flags and expunges as another mail
 * client of the same user would, so that the gateway learns of the changes only through its watcher.
 */
final class RawImap implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 15_000;
    private static final Pattern APPEND_UID = Pattern.compile("\\[APPENDUID \\d+ (\\d+)]");

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    private int tag;

    private RawImap(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = socket.getOutputStream();
    }

    /** Logs in and selects INBOX. */
    static RawImap inbox(String host, int port, String user, String password) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        RawImap imap = new RawImap(socket);
        imap.in.readLine();
        imap.command("LOGIN \"" + user + "\" \"" + password + "\"");
        imap.command("SELECT INBOX");
        return imap;
    }

    /** Appends a small message with this subject to INBOX and returns its UID. */
    long append(String subject) throws IOException {
        byte[] message = ("From: Push Test <push@example.org>\r\nTo: subscriber@example.org\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + subject + "@push.test>\r\nDate: Mon, 30 Nov 2026 08:00:00 +0000\r\n\r\n"
                + "Sent to test push.\r\n").getBytes(StandardCharsets.UTF_8);
        String t = nextTag();
        send(t + " APPEND INBOX {" + message.length + "}\r\n");
        String go = in.readLine();
        if (go == null || !go.startsWith("+")) {
            throw new IOException("APPEND refused: " + go);
        }
        out.write(message);
        send("\r\n");
        Matcher uid = APPEND_UID.matcher(awaitTagged(t));
        if (!uid.find()) {
            throw new IOException("no APPENDUID in the answer to APPEND");
        }
        return Long.parseLong(uid.group(1));
    }

    /** Sets a system flag, e.g. {@code \Flagged}. */
    void flag(long uid, String flag) throws IOException {
        command("UID STORE " + uid + " +FLAGS (" + flag + ")");
    }

    /** Deletes and expunges one message (UIDPLUS). */
    void expunge(long uid) throws IOException {
        flag(uid, "\\Deleted");
        command("UID EXPUNGE " + uid);
    }

    private String command(String command) throws IOException {
        String t = nextTag();
        send(t + " " + command + "\r\n");
        return awaitTagged(t);
    }

    private String awaitTagged(String t) throws IOException {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.startsWith(t + " ")) {
                if (!line.startsWith(t + " OK")) {
                    throw new IOException("IMAP said: " + line);
                }
                return line;
            }
        }
        throw new IOException("the IMAP server closed the connection");
    }

    private String nextTag() {
        return "t" + (++tag);
    }

    private void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

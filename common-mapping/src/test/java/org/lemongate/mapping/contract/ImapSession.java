package org.lemongate.mapping.contract;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;
import org.lemongate.mapping.MessageSource;

/**
 * A deliberately plain IMAP client that talks to the server behind the gateway's back: it seeds mail and checks
 * what the gateway really did, so the contract never verifies the gateway with the gateway. It speaks only the
 * handful of commands the tests need, over a raw socket.
 */
public final class ImapSession implements AutoCloseable {

    private static final DateTimeFormatter INTERNALDATE =
            DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Pattern APPENDUID = Pattern.compile("\\[APPENDUID (\\d+) (\\d+)]", Pattern.CASE_INSENSITIVE);
    private static final Pattern LIST =
            Pattern.compile("^\\* LIST \\(([^)]*)\\) (?:\"((?:[^\"\\\\]|\\\\.)*)\"|NIL) (.*)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)}$");

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private String delimiter = "/";
    private int tag;

    private ImapSession(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        readLine();
    }

    /** Connects and logs in; fails the test when the server refuses. */
    public static ImapSession login(String host, int port, String user, String password) {
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress(host, port), 10_000);
            socket.setSoTimeout(20_000);
            ImapSession session = new ImapSession(socket);
            session.ok("LOGIN " + quote(user) + " " + quote(password));
            session.delimiter = session.ok("LIST \"\" \"\"").stream().map(LIST::matcher).filter(Matcher::matches)
                    .map(m -> m.group(2)).filter(d -> d != null && !d.isEmpty()).findFirst().orElse("/");
            return session;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server's hierarchy delimiter. */
    public String delimiter() {
        return delimiter;
    }

    /** The name as the server spells it: modified UTF-7 with the server's delimiter. */
    public String serverName(MailboxName name) {
        return ModifiedUtf7.encode(name.path()).replace("/", delimiter);
    }

    /** Appends a message with the given flags and arrival time; returns its reference (the server's APPENDUID). */
    public MessageRef append(MailboxName box, byte[] message, Instant received, String... flags) {
        return append(box, Samples.source(message), received, flags);
    }

    /** Appends a message streamed from {@code message}; returns its reference (the server's APPENDUID). */
    public MessageRef append(MailboxName box, MessageSource message, Instant received, String... flags) {
        String command = "APPEND " + quote(serverName(box)) + " (" + String.join(" ", flags) + ") \""
                + INTERNALDATE.format(received) + "\" {" + message.size() + "}";
        List<String> response = send(command, message);
        Matcher m = APPENDUID.matcher(response.get(response.size() - 1));
        if (!m.find()) {
            throw new AssertionError("the test server did not report APPENDUID: " + response);
        }
        return MessageRef.of(box, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
    }

    /** Creates a mailbox. */
    public void create(MailboxName box) {
        ok("CREATE " + quote(serverName(box)));
    }

    /** Deletes a mailbox. */
    public void delete(MailboxName box) {
        ok("DELETE " + quote(serverName(box)));
    }

    /** STATUS counters of a mailbox: MESSAGES, UIDVALIDITY, UIDNEXT, UNSEEN by name. */
    public long status(MailboxName box, String item) {
        for (String line : ok("STATUS " + quote(serverName(box)) + " (" + item + ")")) {
            Matcher m = Pattern.compile(item + " (\\d+)", Pattern.CASE_INSENSITIVE).matcher(line);
            if (line.startsWith("* STATUS") && m.find()) {
                return Long.parseLong(m.group(1));
            }
        }
        throw new AssertionError("no " + item + " in STATUS of " + box);
    }

    /** The mailbox names the server lists, as the server spells them (modified UTF-7, its own delimiter). */
    public List<String> list() {
        List<String> names = new ArrayList<>();
        for (String line : ok("LIST \"\" \"*\"")) {
            Matcher m = LIST.matcher(line);
            if (m.matches()) {
                String name = m.group(3);
                names.add(name.startsWith("\"") ? name.substring(1, name.length() - 1).replace("\\\"", "\"") : name);
            }
        }
        return names;
    }

    /** The flags of one message, as the server spells them. */
    public String flags(MessageRef ref) {
        ok("SELECT " + quote(serverName(ref.mailbox())));
        for (String line : ok("UID FETCH " + ref.uid() + " (FLAGS)")) {
            int i = line.indexOf("FLAGS (");
            if (line.startsWith("* ") && i >= 0) {
                return line.substring(i + 7, line.indexOf(')', i));
            }
        }
        throw new AssertionError("no message " + ref);
    }

    /** Marks one message \Deleted and expunges the mailbox (the tests use it only where nothing else is marked). */
    public void expunge(MessageRef ref) {
        ok("SELECT " + quote(serverName(ref.mailbox())));
        ok("UID STORE " + ref.uid() + " +FLAGS.SILENT (\\Deleted)");
        ok("EXPUNGE");
    }

    /** Sends a command and expects OK; returns the untagged lines and the tagged one. */
    public List<String> ok(String command) {
        return send(command, null);
    }

    private List<String> send(String command, MessageSource literal) {
        try {
            String t = "t" + (++tag);
            out.write((t + " " + command + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            List<String> lines = new ArrayList<>();
            while (true) {
                String line = readLine();
                if (line.startsWith("+") && literal != null) {
                    try (InputStream body = literal.open()) {
                        body.transferTo(out);
                    }
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    literal = null;
                    continue;
                }
                lines.add(line);
                if (line.startsWith(t + " ")) {
                    if (!line.startsWith(t + " OK")) {
                        throw new AssertionError("test server refused '" + command.split(" \\{")[0] + "': " + line);
                    }
                    return lines;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One response line; a literal inside it is inlined. */
    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            ByteArrayOutputStream part = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new IOException("the test server closed the connection");
                }
                part.write(c);
            }
            String text = part.toString(StandardCharsets.UTF_8).replaceFirst("\r$", "");
            line.append(text);
            Matcher m = LITERAL.matcher(text);
            if (!m.find()) {
                return line.toString();
            }
            line.append(new String(in.readNBytes(Integer.parseInt(m.group(1))), StandardCharsets.UTF_8));
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public void close() {
        try {
            ok("LOGOUT");
        } catch (RuntimeException | AssertionError e) {
            // The server may already have hung up; the socket is closed below either way.
        } finally {
            try {
                socket.close();
            } catch (IOException e) {
                // Nothing left to release.
            }
        }
    }
}

package org.lemongate.webdav;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message's bytes as the IMAP server itself hands them out (UID FETCH BODY.PEEK[]), read over a plain IMAP
 * connection of the test's own, so that interop tests compare a client's copy with the server and not with the
 * gateway under test.
 */
final class ImapOriginal {

    private static final int TIMEOUT_MILLIS = 10_000;
    private static final Pattern UID = Pattern.compile("^\\* SEARCH (\\d+)", Pattern.MULTILINE);
    private static final Pattern LITERAL = Pattern.compile("BODY\\[\\] \\{(\\d+)\\}$");

    private ImapOriginal() {
    }

    /**
     * The message with the given Message-ID in a mailbox (ASCII name), or empty when the mailbox holds none.
     *
     * @throws IOException when the server refuses a step or the connection fails
     */
    static Optional<byte[]> fetch(String host, int port, String user, String password, String mailbox,
            String messageId) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            line(in);
            command(in, out, "a LOGIN " + quoted(user) + " " + quoted(password));
            command(in, out, "b EXAMINE " + quoted(mailbox));
            Matcher uid = UID.matcher(command(in, out, "c UID SEARCH HEADER Message-ID " + quoted(messageId)));
            if (!uid.find()) {
                return Optional.empty();
            }
            out.write(("d UID FETCH " + uid.group(1) + " BODY.PEEK[]\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (String l = line(in); ; l = line(in)) {
                Matcher literal = LITERAL.matcher(l);
                if (literal.find()) {
                    byte[] message = in.readNBytes(Integer.parseInt(literal.group(1)));
                    command(in, out, "e LOGOUT");
                    return Optional.of(message);
                }
                if (l.startsWith("d ")) {
                    throw new IOException("FETCH gave no message: " + l);
                }
            }
        }
    }

    /** Sends a command and returns everything up to and including its tagged OK. */
    private static String command(InputStream in, OutputStream out, String command) throws IOException {
        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String tag = command.substring(0, command.indexOf(' ') + 1);
        StringBuilder response = new StringBuilder();
        for (String l = line(in); ; l = line(in)) {
            response.append(l).append('\n');
            if (l.startsWith(tag)) {
                if (!l.startsWith(tag + "OK")) {
                    throw new IOException("the IMAP server refused a step: " + l);
                }
                return response.toString();
            }
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the IMAP server closed the connection");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8).stripTrailing();
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

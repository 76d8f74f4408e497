package org.lemongate.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The floor under any IMAP-backed download: a bare socket client that logs in once, selects INBOX and reads a
 * message's literal into a reused buffer, discarding it. No parsing beyond finding the literal, no copies beyond the
 * socket read: what the IMAP server itself can deliver to one connection on this machine.
 */
final class PlainImapFetch implements AutoCloseable {

    private static final int READ_BUFFER = 1024 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] sink = new byte[READ_BUFFER];
    private int tag;

    PlainImapFetch(String host, int port, String user, String password) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 5000);
        socket.setSoTimeout(30_000);
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        out = socket.getOutputStream();
        line(); // greeting
        run("LOGIN \"" + user + "\" \"" + password + "\"");
        run("SELECT INBOX");
    }

    /** The whole message in one {@code UID FETCH}; returns the literal's length. */
    long whole(long uid) throws IOException {
        return run("UID FETCH " + uid + " (BODY.PEEK[])");
    }

    /** The message in sequential partial FETCHes of {@code chunk} bytes, one after the other. */
    long inChunks(long uid, int chunk) throws IOException {
        long total = 0;
        while (true) {
            long n = run("UID FETCH " + uid + " (BODY.PEEK[]<" + total + "." + chunk + ">)");
            total += n;
            if (n < chunk) {
                return total;
            }
        }
    }

    /** Sends a command and reads its answer to the tagged status; returns the total length of its literals. */
    private long run(String command) throws IOException {
        String t = "p" + (++tag);
        out.write((t + " " + command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        long literals = 0;
        while (true) {
            String line = line();
            if (line.startsWith(t + " ")) {
                if (!line.startsWith(t + " OK")) {
                    throw new IOException(command + ": " + line);
                }
                return literals;
            }
            while (line.endsWith("}")) {
                long n = Long.parseLong(line.substring(line.lastIndexOf('{') + 1, line.length() - 1));
                skip(n);
                literals += n;
                line = line();
            }
        }
    }

    private void skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            int r = in.read(sink, 0, (int) Math.min(sink.length, left));
            if (r < 0) {
                throw new IOException("connection closed inside a literal");
            }
            left -= r;
        }
    }

    /** A line without its CRLF. */
    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(128);
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

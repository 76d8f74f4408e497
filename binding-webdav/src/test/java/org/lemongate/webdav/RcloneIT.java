package org.lemongate.webdav;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lemongate.testsupport.DovecotServer;
import org.lemongate.testsupport.Interop;

/**
 * rclone against the binding in front of Dovecot: a folder of .eml files (and one text file) copied in, listed,
 * copied out byte for byte; the mail files are messages on the IMAP server. rclone checks each upload's size with a
 * PROPFIND, so getcontentlength must be exact.
 */
class RcloneIT {

    @Test
    void copyInListCopyOutAndCompare(@TempDir Path work) throws Exception {
        Path rclone = Interop.requireCommand("rclone", "rclone");
        Path in = Files.createDirectories(work.resolve("in"));
        Path out = work.resolve("out");
        for (int i = 1; i <= 5; i++) {
            Files.writeString(in.resolve("mail #" + i + " été.eml"), "From: a@example.org\r\nSubject: rclone " + i
                    + "\r\nMessage-ID: <rclone-" + i + "@example.org>\r\n\r\nBody " + i + "\r\n",
                    StandardCharsets.UTF_8);
        }
        Files.writeString(in.resolve("notes.txt"), "plain\ntext\n", StandardCharsets.US_ASCII);
        // An empty configuration: everything is on the command line, and rclone has nothing to warn about.
        Files.createFile(work.resolve("rclone.conf"));
        try (DovecotServer dovecot = DovecotServer.builder().user("alice", "secret").start();
             DavTestServer dav = DavTestServer.withImap(URI.create(dovecot.imapUrl()))) {
            String pass = run(work, rclone.toString(), "obscure", "secret").strip();
            String remote = ":webdav,url='" + dav.uri("/dav/") + "',vendor=other,user=alice,pass=" + pass + ":INBOX";

            run(work, rclone.toString(), "copy", in.toString(), remote);
            Set<String> listed = new TreeSet<>(run(work, rclone.toString(), "lsf", remote).lines().toList());
            run(work, rclone.toString(), "copy", remote, out.toString());

            Set<String> expected = new TreeSet<>();
            try (var files = Files.list(in)) {
                files.forEach(f -> expected.add(f.getFileName().toString()));
            }
            assertEquals(expected, listed);
            for (String name : expected) {
                assertArrayEquals(Files.readAllBytes(in.resolve(name)), Files.readAllBytes(out.resolve(name)), name);
            }
            String onServer = dovecot.doveadm("search", "-u", "alice", "mailbox", "INBOX", "header", "Subject",
                    "rclone");
            assertEquals(5, onServer.lines().count(), onServer);
        }
    }

    private static String run(Path dir, String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of(command));
        args.add(1, "--config");
        args.add(2, dir.resolve("rclone.conf").toString());
        Process p = new ProcessBuilder(args).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "rclone did not finish");
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + text);
        return text;
    }
}

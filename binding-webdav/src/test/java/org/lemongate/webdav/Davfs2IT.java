package org.lemongate.webdav;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lemongate.testsupport.DovecotServer;
import org.lemongate.testsupport.Interop;

/**
 * The mailbox mounted with davfs2 (needs root and /dev/fuse): ls, copy in and out, mkdir, mv between folders, rm,
 * each checked on the IMAP side too. Where the kernel refuses the FUSE mount (a sandbox without the device or the
 * privilege), the test is skipped with the mount's own error, since that is the machine's limit, not the tool's.
 */
class Davfs2IT {

    @Test
    void aMountedMailboxBehavesLikeAFolder(@TempDir Path dir) throws Exception {
        Path mount = Interop.requireCommand("mount.davfs", "davfs2");
        Path mnt = Files.createDirectories(dir.resolve("mnt"));
        Path conf = dir.resolve("davfs2.conf");
        Path secrets = dir.resolve("secrets");
        byte[] mail = "From: a@example.org\r\nSubject: Via davfs2\r\n\r\nHello\r\n".getBytes(StandardCharsets.US_ASCII);
        Path local = dir.resolve("hello.eml");
        Files.write(local, mail);
        try (DovecotServer dovecot = DovecotServer.builder().user("alice", "secret").start();
             DavTestServer dav = DavTestServer.withImap(URI.create(dovecot.imapUrl()))) {
            String url = dav.uri("/dav/").toString();
            Files.writeString(secrets, url + " alice secret\n");
            Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
            Files.writeString(conf, "secrets " + secrets + "\nask_auth 0\nbuf_size 64\ndelay_upload 0\n"
                    + "use_locks 1\n");
            Result mounted = run(dir, mount.toString(), url, mnt.toString(), "-o", "conf=" + conf);
            Assumptions.assumeTrue(mounted.status() == 0 || Interop.required(),
                    "davfs2 cannot mount in this environment: " + mounted.output());
            assertEquals(0, mounted.status(), mounted.output());
            try {
                assertTrue(Files.isDirectory(mnt.resolve("INBOX")), "ls shows the INBOX");
                Files.copy(local, mnt.resolve("INBOX/hello.eml"));
                Files.createDirectory(mnt.resolve("Projects"));
                Files.move(mnt.resolve("INBOX/hello.eml"), mnt.resolve("Projects/hello.eml"),
                        StandardCopyOption.ATOMIC_MOVE);
                Path back = dir.resolve("back.eml");
                Files.copy(mnt.resolve("Projects/hello.eml"), back);
                assertArrayEquals(mail, Files.readAllBytes(back));
                assertEquals(1, dovecot.doveadm("search", "-u", "alice", "mailbox", "Projects", "all")
                        .lines().count(), "the file is a message in the new mailbox");
                Files.delete(mnt.resolve("Projects/hello.eml"));
                assertEquals(0, dovecot.doveadm("search", "-u", "alice", "mailbox", "Projects", "all")
                        .lines().count(), "rm deletes the message");
            } finally {
                run(dir, "umount", mnt.toString());
            }
        }
    }

    private record Result(int status, String output) {
    }

    private static Result run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(1, TimeUnit.MINUTES), String.join(" ", command) + " did not finish");
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}

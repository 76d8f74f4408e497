package org.lemongate.webdav;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lemongate.webdav.MailOnServer.PASSWORD;
import static org.lemongate.webdav.MailOnServer.USER;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lemongate.testsupport.DovecotServer;
import org.lemongate.testsupport.Interop;

/**
 * GNOME's gvfs through its command-line client {@code gio}, headless on a private session bus, against the binding
 * in front of Dovecot: mount with the password on stdin, list, copy out and in, mkdir, move, rename, remove and
 * unmount. Every step is checked on the IMAP side with the test's own IMAP connection or {@code doveadm}.
 */
class GvfsIT {

    @Test
    void gioListsCopiesMakesFoldersMovesRenamesAndRemoves(@TempDir Path home) throws Exception {
        Path gio = Interop.requireCommand("gio", "libglib2.0-bin");
        Interop.requireFile(Path.of("/usr/libexec/gvfsd-dav"), "gvfs-backends", "gvfs");
        byte[] onServer = MailOnServer.message("Waiting for gio", "<gvfs-out@example.org>");
        byte[] local = MailOnServer.message("Copied in by gio", "<gvfs-in@example.org>");
        Path in = Files.write(home.resolve("from gio #1.eml"), local);
        Path out = home.resolve("out.eml");
        try (DovecotServer dovecot = DovecotServer.builder().user(USER, PASSWORD).start();
             DavTestServer dav = DavTestServer.withImap(URI.create(dovecot.imapUrl()));
             // No FUSE mount of the session's mounts, no hardware volume monitors: only the dav backend runs.
             DesktopSession session = DesktopSession.start(home.resolve("session"),
                     Map.of("GVFS_DISABLE_FUSE", "1", "GIO_USE_VOLUME_MONITOR", "unix"))) {
            dovecot.doveadm(Files.write(home.resolve("saved.eml"), onServer), "save", "-u", USER, "-m", "INBOX");
            MailOnServer imap = new MailOnServer(dovecot, USER, PASSWORD);
            Urls urls = new Urls(dav.uri("/").getPort());
            String g = gio.toString();

            succeeds(session.run(PASSWORD + "\n", g, "mount", urls.of("")));

            List<String> listed = succeeds(session.run("", g, "list", urls.of("INBOX/"))).lines().stream()
                    .sorted().toList();
            assertEquals(dav.memberNames("/dav/INBOX/", USER, PASSWORD), listed, "gio list shows what PROPFIND has");

            String waiting = listed.stream().filter(n -> n.contains("Waiting for gio")).findFirst().orElseThrow();
            succeeds(session.run("", g, "copy", urls.of("INBOX/" + waiting), out.toString()));
            assertArrayEquals(imap.original("INBOX", "<gvfs-out@example.org>"), Files.readAllBytes(out),
                    "the copy out is the server's message byte for byte");

            succeeds(session.run("", g, "copy", in.toString(), urls.of("INBOX/from gio #1.eml")));
            assertArrayEquals(local, dav.sendForBytes(dav.request("/dav/INBOX/from%20gio%20%231.eml", USER, PASSWORD)
                    .GET().build()).body(), "a GET returns what gio copied in");
            assertArrayEquals(local, imap.original("INBOX", "<gvfs-in@example.org>"),
                    "the copy in is a message on the server");

            succeeds(session.run("", g, "mkdir", urls.of("Gio Folder")));
            assertTrue(imap.mailboxes().contains("Gio Folder"), "gio mkdir made a mailbox");

            succeeds(session.run("", g, "move", urls.of("INBOX/from gio #1.eml"), urls.of("Gio Folder/moved.eml")));
            assertArrayEquals(local, imap.original("Gio Folder", "<gvfs-in@example.org>"), "moved on the server");
            assertTrue(imap.absent("INBOX", "<gvfs-in@example.org>"), "and gone from the INBOX");

            succeeds(session.run("", g, "rename", urls.of("Gio Folder/moved.eml"), "renamed.eml"));
            assertEquals(List.of("renamed.eml"), succeeds(session.run("", g, "list", urls.of("Gio Folder/")))
                    .lines());

            succeeds(session.run("", g, "remove", urls.of("Gio Folder/renamed.eml")));
            assertTrue(imap.absent("Gio Folder", "<gvfs-in@example.org>"), "gio remove deleted the message");

            succeeds(session.run("", g, "mount", "-u", urls.of("")));
        }
    }

    private static DesktopSession.Result succeeds(DesktopSession.Result result) {
        assertEquals(0, result.status(), result.output());
        return result;
    }

    /** gvfs URLs of the tree, the user named and the password left to the mount. */
    private record Urls(int port) {

        String of(String path) throws Exception {
            return new URI("dav", USER, "127.0.0.1", port, "/dav/" + path, null, null).toASCIIString();
        }
    }
}

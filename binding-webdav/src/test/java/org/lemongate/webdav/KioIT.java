package org.lemongate.webdav;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lemongate.webdav.MailOnServer.PASSWORD;
import static org.lemongate.webdav.MailOnServer.USER;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lemongate.testsupport.DovecotServer;
import org.lemongate.testsupport.Interop;

/**
 * KDE's kio through {@code kioclient5}, headless ({@code QT_QPA_PLATFORM=offscreen}, a private session bus, no
 * wallet) against the binding in front of Dovecot: ls, copy out and in, a local folder copied in (MKCOL and PUT),
 * move into it, remove. Every step is checked on the IMAP side past the gateway.
 *
 * <p>Copies run with {@code --overwrite}: without it kio 5.103 first looks for the target with a PROPFIND, which
 * spends the URL's credentials for the job, and the PUT's own 401 then goes to the password dialog, which nobody
 * answers headless. Dolphin fills kio's password cache from that dialog, so a desktop user never sees the problem.
 */
class KioIT {

    @Test
    void kioclientListsCopiesMakesFoldersMovesAndRemoves(@TempDir Path home) throws Exception {
        Path kioclient = Interop.requireCommand("kioclient5", "kde-cli-tools");
        Interop.requireFile(kioHttpWorker(), "kio", "kio");
        byte[] onServer = MailOnServer.message("Waiting for kio", "<kio-out@example.org>");
        byte[] local = MailOnServer.message("Copied in by kio", "<kio-in@example.org>");
        byte[] inFolder = MailOnServer.message("Inside a folder", "<kio-folder@example.org>");
        Path in = Files.write(home.resolve("from kio #1.eml"), local);
        Path folder = Files.createDirectories(home.resolve("Kio Folder"));
        Files.write(folder.resolve("inner.eml"), inFolder);
        Path out = home.resolve("out.eml");
        Path sessionHome = Files.createDirectories(home.resolve("session/.config"));
        // No wallet: kio would start kwalletd5, which waits for a first-use dialog.
        Files.writeString(sessionHome.resolve("kwalletrc"), "[Wallet]\nEnabled=false\nFirst Use=false\n");
        try (DovecotServer dovecot = DovecotServer.builder().user(USER, PASSWORD).start();
             DavTestServer dav = DavTestServer.withImap(URI.create(dovecot.imapUrl()));
             DesktopSession session = DesktopSession.start(sessionHome.getParent(),
                     Map.of("QT_QPA_PLATFORM", "offscreen"))) {
            dovecot.doveadm(Files.write(home.resolve("saved.eml"), onServer), "save", "-u", USER, "-m", "INBOX");
            MailOnServer imap = new MailOnServer(dovecot, USER, PASSWORD);
            Kio kio = new Kio(session, kioclient.toString(), dav.uri("/").getPort());

            List<String> listed = kio.run("ls", kio.url("INBOX/")).lines().stream()
                    .filter(name -> !name.equals(".")).sorted().toList();
            assertEquals(dav.memberNames("/dav/INBOX/", USER, PASSWORD), listed, "kioclient5 ls shows what PROPFIND has");

            String waiting = listed.stream().filter(n -> n.contains("Waiting for kio")).findFirst().orElseThrow();
            kio.run("--overwrite", "copy", kio.url("INBOX/" + waiting), out.toUri().toString());
            assertArrayEquals(imap.original("INBOX", "<kio-out@example.org>"), Files.readAllBytes(out),
                    "the copy out is the server's message byte for byte");

            kio.run("--overwrite", "copy", in.toUri().toString(), kio.url("INBOX/from kio #1.eml"));
            assertArrayEquals(local, dav.sendForBytes(dav.request("/dav/INBOX/from%20kio%20%231.eml", USER, PASSWORD)
                    .GET().build()).body(), "a GET returns what kio copied in");
            assertArrayEquals(local, imap.original("INBOX", "<kio-in@example.org>"),
                    "the copy in is a message on the server");

            // kioclient5 fails (status 1, no message) when the source ends in the slash a directory's file: URI has.
            String folderUrl = folder.toUri().toString().replaceAll("/$", "");
            kio.run("--overwrite", "copy", folderUrl, kio.url(""));
            assertTrue(imap.mailboxes().contains("Kio Folder"), "the copied folder is a mailbox");
            assertArrayEquals(inFolder, imap.original("Kio Folder", "<kio-folder@example.org>"),
                    "its file is a message in it");

            kio.run("move", kio.url("INBOX/from kio #1.eml"), kio.url("Kio Folder/moved.eml"));
            assertArrayEquals(local, imap.original("Kio Folder", "<kio-in@example.org>"), "moved on the server");
            assertTrue(imap.absent("INBOX", "<kio-in@example.org>"), "and gone from the INBOX");
            assertEquals(List.of("inner.eml", "moved.eml"), dav.memberNames("/dav/Kio%20Folder/", USER, PASSWORD));

            kio.run("remove", kio.url("Kio Folder/moved.eml"));
            assertTrue(imap.absent("Kio Folder", "<kio-in@example.org>"), "kioclient5 remove deleted the message");
        }
    }

    /** Debian installs kio's http/webdav worker under the machine's multiarch directory. */
    private static Path kioHttpWorker() throws IOException {
        try (Stream<Path> dirs = Files.list(Path.of("/usr/lib"))) {
            return dirs.map(d -> d.resolve("qt5/plugins/kf5/kio/kio_http.so")).filter(Files::isRegularFile)
                    .findFirst().orElse(Path.of("/usr/lib/x86_64-linux-gnu/qt5/plugins/kf5/kio/kio_http.so"));
        }
    }

    /** kioclient5 in the session, never asking anyone anything, with webdav:// URLs carrying the credentials. */
    private record Kio(DesktopSession session, String kioclient, int port) {

        String url(String path) throws Exception {
            return new URI("webdav", USER + ":" + PASSWORD, "127.0.0.1", port, "/dav/" + path, null, null)
                    .toASCIIString();
        }

        DesktopSession.Result run(String... arguments) throws Exception {
            String[] command = Stream.concat(Stream.of(kioclient, "--noninteractive"), Stream.of(arguments))
                    .toArray(String[]::new);
            DesktopSession.Result result = session.run("", command);
            assertEquals(0, result.status(), String.join(" ", arguments) + ":\n" + result.output());
            return result;
        }
    }
}

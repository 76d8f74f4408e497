package org.lemongate.webdav;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lemongate.testsupport.DovecotServer;
import org.lemongate.testsupport.Interop;

/**
 * A scripted cadaver session against the binding in front of Dovecot: mkcol, put, ls, get, propset/propget, lock
 * and unlock, copy, move, delete; the folder is a mailbox and the file that remains is a message on the server.
 */
class CadaverIT {

    @Test
    void aScriptedSessionWorksAndLeavesTheMessageOnTheServer(@TempDir Path home) throws Exception {
        Path cadaver = Interop.requireCommand("cadaver", "cadaver");
        byte[] local = "From: a@example.org\r\nSubject: Via cadaver\r\n\r\nHello from cadaver\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        Files.write(home.resolve("local.eml"), local);
        try (DovecotServer dovecot = DovecotServer.builder().user("alice", "secret").start();
             DavTestServer dav = DavTestServer.withImap(URI.create(dovecot.imapUrl()))) {
            Path netrc = home.resolve(".netrc");
            Files.writeString(netrc, "machine 127.0.0.1 login alice password secret\n");
            Files.setPosixFilePermissions(netrc, PosixFilePermissions.fromString("rw-------"));
            String script = String.join("\n", "mkcol Cadaver", "cd Cadaver", "put local.eml note.eml", "ls",
                    "get note.eml back.eml", "propset note.eml colour blue", "propget note.eml colour",
                    "lock note.eml", "unlock note.eml", "copy note.eml copy.eml", "move copy.eml moved.eml",
                    "delete note.eml", "ls", "quit", "");
            Files.writeString(home.resolve("script"), script);
            ProcessBuilder pb = new ProcessBuilder(cadaver.toString(), dav.uri("/dav/").toString())
                    .directory(home.toFile())
                    .redirectInput(home.resolve("script").toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(home.resolve("out").toFile());
            pb.environment().put("HOME", home.toString());
            Process p = pb.start();
            assertTrue(p.waitFor(2, TimeUnit.MINUTES), "cadaver did not finish");
            String out = Files.readString(home.resolve("out"), StandardCharsets.UTF_8);

            assertTrue(out.contains("Uploading local.eml to") && out.contains("succeeded"), out);
            assertArrayEquals(local, Files.readAllBytes(home.resolve("back.eml")), out);
            assertTrue(out.contains("blue"), "propget shows the dead property:\n" + out);
            assertTrue(out.contains("moved.eml") && !out.contains("failed"), out);
            String onServer = dovecot.doveadm("search", "-u", "alice", "mailbox", "Cadaver", "all");
            assertEquals(1, onServer.lines().count(), "only moved.eml is left:\n" + onServer + "\n" + out);
        }
    }
}

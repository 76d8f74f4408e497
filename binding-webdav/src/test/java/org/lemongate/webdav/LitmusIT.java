package org.lemongate.webdav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.lemongate.testsupport.DovecotServer;
import org.lemongate.testsupport.Interop;

/**
 * The WebDAV compliance suite litmus (Debian's 0.13) against the binding in front of a real Dovecot: every one of
 * its five suites must pass in full, judged from its summary lines. litmus creates {@code /dav/litmus/}, which
 * must then be a mailbox on the server.
 */
class LitmusIT {

    /** The suites and how many tests each runs in litmus 0.13. */
    private static final Map<String, Integer> SUITES = suites();
    private static final Pattern SUMMARY =
            Pattern.compile("<- summary for `(\\w+)': of (\\d+) tests run: (\\d+) passed, (\\d+) failed");

    private static Map<String, Integer> suites() {
        Map<String, Integer> s = new LinkedHashMap<>();
        s.put("basic", 16);
        s.put("copymove", 13);
        s.put("props", 30);
        s.put("locks", 41);
        s.put("http", 4);
        return s;
    }

    @Test
    void allFiveSuitesPassInFull() throws Exception {
        Path litmus = Interop.requireCommand("litmus", "litmus");
        // litmus writes debug.log (every request and response) here, kept for diagnosis.
        Path work = Files.createDirectories(Path.of("target", "litmus"));
        try (DovecotServer dovecot = DovecotServer.builder().user("litmus", "secret").start();
             DavTestServer dav = DavTestServer.withImap(URI.create(dovecot.imapUrl()))) {
            ProcessBuilder pb = new ProcessBuilder(litmus.toString(), "-k", dav.uri("/dav/").toString(),
                    "litmus", "secret")
                    .directory(work.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(work.resolve("litmus.out").toFile());
            pb.environment().put("TESTS", String.join(" ", SUITES.keySet()));
            Process p = pb.start();
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), "litmus did not finish within 5 minutes");
            String out = Files.readString(work.resolve("litmus.out"), StandardCharsets.UTF_8);

            Map<String, String> summaries = new LinkedHashMap<>();
            Matcher m = SUMMARY.matcher(out);
            while (m.find()) {
                summaries.put(m.group(1), m.group(3) + "/" + m.group(2) + " passed, " + m.group(4) + " failed");
            }
            for (Map.Entry<String, Integer> suite : SUITES.entrySet()) {
                int n = suite.getValue();
                assertEquals(n + "/" + n + " passed, 0 failed", summaries.get(suite.getKey()),
                        "litmus suite " + suite.getKey() + "; full output:\n" + out);
            }
            assertTrue(dovecot.doveadm("mailbox", "list", "-u", "litmus").lines()
                    .anyMatch(l -> List.of("litmus").contains(l.strip())), "litmus' collection is a mailbox");
        }
    }
}

package org.lemongate.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The command's options: defaults, values, and a specific message for each kind of mistake. */
class CompareOptionsTest {

    @Test
    void noOptionsMeansTheStandardDayWithEverythingStartedInProcess() {
        CompareOptions o = CompareOptions.parse();
        assertEquals(WorkloadSize.STANDARD, o.size());
        assertEquals(Optional.empty(), o.gateway());
        assertEquals(CompareOptions.DEFAULT_OUT, o.out());
    }

    @Test
    void readsEveryOptionInBothSpellings() {
        CompareOptions o = CompareOptions.parse("--gateway", "http://gw:8080/", "--imap=imap://mail:143",
                "--user", "ann", "--password", "s", "--messages", "60", "--attachment-size=2048", "--out", "r");
        assertEquals(Optional.of(URI.create("http://gw:8080/")), o.gateway());
        assertEquals(Optional.of(URI.create("imap://mail:143")), o.imap());
        assertEquals(new WorkloadSize(60, 2048), o.size());
        assertEquals(Path.of("r"), o.out());
    }

    @Test
    void mistakesAreNamed() {
        assertMessage("unknown option --gatway", "--gatway", "http://x/");
        assertMessage("--messages must be between 51", "--messages", "10");
        assertMessage("--messages must be a whole number", "--messages", "many");
        assertMessage("--imap needs a value", "--imap");
        assertMessage("--user is given twice", "--user", "a", "--user", "b");
        assertMessage("--jmap must be a URL", "--jmap", "cyrus:8080");
        assertMessage("--proxy must be a URL", "--proxy", "proxy:3128");
    }

    @Test
    void tlsEndpointsAreRefusedBecauseBytesAreCountedInTheClear() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Endpoints(
                URI.create("https://gw/"), URI.create("imap://mail"), Optional.empty(), Optional.empty(), "a", "b"));
        assertTrue(e.getMessage().contains("does not speak TLS"), e.getMessage());
        IllegalArgumentException jmap = assertThrows(IllegalArgumentException.class, () -> new Endpoints(
                URI.create("http://gw/"), URI.create("imap://mail"), Optional.empty(), Optional.empty(), "a", "b",
                Optional.of(URI.create("https://cyrus/"))));
        assertTrue(jmap.getMessage().startsWith("--jmap must be a http://"), jmap.getMessage());
    }

    @Test
    void jmapIsTakenAsTheBaseUrl() {
        CompareOptions o = CompareOptions.parse("--jmap", "http://127.0.0.1:8008");
        assertEquals(Optional.of(URI.create("http://127.0.0.1:8008")), o.jmap());
        Endpoints e = new Endpoints(URI.create("http://gw/"), URI.create("imap://mail"), Optional.empty(),
                Optional.empty(), "a", "b", o.jmap());
        assertEquals(Optional.of(URI.create("http://127.0.0.1:8008/")), e.jmap());
    }

    private static void assertMessage(String expected, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CompareOptions.parse(args));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}

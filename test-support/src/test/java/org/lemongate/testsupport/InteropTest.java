package org.lemongate.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class InteropTest {

    @Test
    void eitherSourceSayingRequiredMakesToolsMandatory() {
        assertTrue(Interop.isRequired("required", null));
        assertTrue(Interop.isRequired("optional", "required"));
        assertTrue(Interop.isRequired(null, " REQUIRED "));
        assertFalse(Interop.isRequired("optional", null));
        assertFalse(Interop.isRequired(null, null));
        assertFalse(Interop.isRequired("", "yes"));
    }

    @Test
    void aMissingToolSkipsWithTheInstallCommandByDefault() {
        TestAbortedException skipped = assertThrows(TestAbortedException.class,
                () -> Interop.unavailable("dovecot not installed", "dovecot-imapd", "dovecot", false));
        assertEquals("dovecot not installed (apt-get install dovecot-imapd); skipping the dovecot interop tests",
                skipped.getMessage());
    }

    @Test
    void aMissingToolFailsWhenRequired() {
        AssertionFailedError failed = assertThrows(AssertionFailedError.class,
                () -> Interop.unavailable("dovecot not installed", "dovecot-imapd", "dovecot", true));
        assertTrue(failed.getMessage().contains("apt-get install dovecot-imapd"), failed.getMessage());
        assertTrue(failed.getMessage().contains("lemongate.interop=required"), failed.getMessage());
    }

    @Test
    void findsCommandsOnThePathAndInSbin() {
        Path shell = Interop.findCommand("sh").orElseThrow();
        assertTrue(shell.isAbsolute() && Files.isExecutable(shell), shell.toString());
        assertTrue(Interop.findCommand("lemongate-no-such-tool").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> Interop.findCommand("/bin/sh"));
    }

    @Test
    void requireCommandReturnsThePathOfAnInstalledTool() {
        assertEquals(Interop.findCommand("sh").orElseThrow(), Interop.requireCommand("sh", "dash"));
    }

    @Test
    void requireCommandEndsTheTestForAMissingToolUnderTheCurrentPolicy() {
        Class<? extends Throwable> expected = Interop.required()
                ? AssertionFailedError.class
                : TestAbortedException.class;
        Throwable ended = assertThrows(expected,
                () -> Interop.requireCommand("lemongate-no-such-tool", "lemongate-tools"));
        assertTrue(ended.getMessage().startsWith(
                "lemongate-no-such-tool not installed (apt-get install lemongate-tools)"), ended.getMessage());
    }

    @Test
    void requireFileChecksThatThePackagesFileExists(@org.junit.jupiter.api.io.TempDir Path scratch) throws Exception {
        Path present = Files.createFile(scratch.resolve("catalina.sh"));
        assertEquals(present, Interop.requireFile(present, "tomcat10", "tomcat10"));
        Throwable ended = assertThrows(Throwable.class,
                () -> Interop.requireFile(scratch.resolve("missing.sh"), "tomcat10", "tomcat10"));
        assertTrue(ended instanceof TestAbortedException || ended instanceof AssertionFailedError, ended.toString());
        assertTrue(ended.getMessage().contains("apt-get install tomcat10"), ended.getMessage());
    }
}

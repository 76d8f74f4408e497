package org.lemongate.testsupport;

import java.util.Map;

/**
 * Run in a child JVM by {@link ShutdownHookTest}: starts a Dovecot, prints its port and directory, and exits
 * without closing it, as a test run that dies early would.
 */
public final class ForgottenDovecot {

    private ForgottenDovecot() {
    }

    public static void main(String[] arguments) {
        DovecotServer dovecot = DovecotServer.start(Map.of("alice", "secret"));
        System.out.println(dovecot.imapPort() + " " + dovecot.baseDirectory());
        System.out.flush();
        System.exit(0);
    }
}

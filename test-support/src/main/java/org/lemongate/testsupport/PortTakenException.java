package org.lemongate.testsupport;

import java.util.function.Supplier;

/**
 * A server could not bind a port that was free when it was picked: another process took it in between. The
 * servers then start again on newly picked ports, a few times.
 */
final class PortTakenException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final int ATTEMPTS = 3;

    PortTakenException(String server) {
        super(server + " found its port already in use", null, false, false);
    }

    /**
     * Runs {@code pickPortsAndLaunch} until it does not throw this exception, at most three times.
     *
     * @param logs what to report when every attempt clashed
     */
    static void retrying(Runnable pickPortsAndLaunch, Supplier<String> logs) {
        for (int attempt = 1; ; attempt++) {
            try {
                pickPortsAndLaunch.run();
                return;
            } catch (PortTakenException taken) {
                if (attempt == ATTEMPTS) {
                    throw new IllegalStateException(taken.getMessage() + " in " + ATTEMPTS + " attempts:\n"
                            + logs.get(), taken);
                }
            }
        }
    }
}

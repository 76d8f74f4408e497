package org.lemongate.testsupport;

import java.nio.file.Path;

/**
 * Where one private Dovecot keeps everything, all under one temporary base directory: configuration, users, sockets
 * and pid file, state, log, and the users' maildirs. Deleting the base directory removes every trace of it.
 *
 * @param base the instance's own temporary directory
 */
record DovecotLayout(Path base) {

    Path configFile() {
        return base.resolve("dovecot.conf");
    }

    Path usersFile() {
        return base.resolve("users");
    }

    /** Dovecot's base_dir: sockets and master.pid. Kept short because Unix socket paths are limited to 107 bytes. */
    Path runDirectory() {
        return base.resolve("run");
    }

    Path stateDirectory() {
        return base.resolve("state");
    }

    Path homeDirectory() {
        return base.resolve("home");
    }

    Path logFile() {
        return base.resolve("dovecot.log");
    }

    /** What the master process writes to standard output and error, mostly fatal start-up errors. */
    Path consoleFile() {
        return base.resolve("dovecot.console");
    }

    /** Names this instance in process titles ({@code dovecot-NAME/imap}), which helps to tell instances apart. */
    String instanceName() {
        return "lemongate-" + base.getFileName();
    }
}

package org.lemongate.testsupport;

import java.nio.file.Path;

/**
 * The files and directories of one private Cyrus instance, all under one temporary directory. Kept short because
 * Cyrus puts Unix sockets in {@link #runDirectory()} and their paths are limited to 107 bytes.
 *
 * @param base the instance's own directory
 */
record CyrusLayout(Path base) {

    /** imapd.conf, read by every Cyrus program of this instance. */
    Path imapdConf() {
        return base.resolve("imapd.conf");
    }

    /** cyrus.conf, the services master starts. */
    Path cyrusConf() {
        return base.resolve("cyrus.conf");
    }

    Path sasldb() {
        return base.resolve("sasldb2");
    }

    Path configDirectory() {
        return base.resolve("conf");
    }

    Path spoolDirectory() {
        return base.resolve("spool");
    }

    Path sieveDirectory() {
        return base.resolve("sieve");
    }

    Path runDirectory() {
        return base.resolve("run");
    }

    /** Cyrus logs to syslog only; this file gets what master and the services print, mostly start-up errors. */
    Path consoleFile() {
        return base.resolve("cyrus.console");
    }
}

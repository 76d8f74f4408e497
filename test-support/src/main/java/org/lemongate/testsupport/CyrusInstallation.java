package org.lemongate.testsupport;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the Cyrus IMAP 3.6 programs of a private instance live. Debian's {@code cyrus-imapd} package conflicts with
 * {@code dovecot-imapd}, so it is never installed: {@code .ci/run} unpacks it with {@code apt-get download} and
 * {@code dpkg -x} into {@link #DEFAULT_ROOT} (or the directory named by {@link #PROPERTY} or {@link #ENVIRONMENT}),
 * while master, httpd and the tools come from the installed cyrus-common and cyrus-caldav.
 *
 * @param master the master process, which starts the services
 * @param imapd the IMAP service, from the unpacked cyrus-imapd
 * @param idled the IDLE notifier, from the unpacked cyrus-imapd
 * @param httpd the HTTP service that serves JMAP, from cyrus-caldav
 * @param ctlCyrusdb the database recovery tool master runs at start
 * @param saslpasswd2 the tool that writes the users' sasldb
 */
record CyrusInstallation(Path master, Path imapd, Path idled, Path httpd, Path ctlCyrusdb, Path saslpasswd2) {

    /** The system property naming the directory {@code cyrus-imapd} was unpacked into with {@code dpkg -x}. */
    static final String PROPERTY = "lemongate.cyrus.root";

    /** The environment variable naming the same directory; the property wins. */
    static final String ENVIRONMENT = "LEMONGATE_CYRUS_ROOT";

    /** Where {@code .ci/run} unpacks cyrus-imapd when neither names another directory. */
    static final Path DEFAULT_ROOT = Path.of("/opt/lemongate/cyrus-imapd");

    private static final Path PROGRAMS = Path.of("/usr/lib/cyrus/bin");
    private static final String UNPACK_HINT = "unpack it without installing, as .ci/run does: apt-get download "
            + "cyrus-imapd && dpkg -x cyrus-imapd_*.deb " + DEFAULT_ROOT + " (never apt-get install cyrus-imapd: "
            + "it removes dovecot-imapd)";

    /** Finds every program, or skips or fails the calling test per the {@link Interop} policy. */
    static CyrusInstallation require() {
        Path unpacked = unpackedRoot(System.getProperty(PROPERTY), System.getenv(ENVIRONMENT))
                .resolve("usr/lib/cyrus/bin");
        return new CyrusInstallation(
                Interop.requireFile(PROGRAMS.resolve("master"), "cyrus-common", "cyrus"),
                Interop.requireFileHinted(unpacked.resolve("imapd"), UNPACK_HINT, "cyrus"),
                Interop.requireFileHinted(unpacked.resolve("idled"), UNPACK_HINT, "cyrus"),
                Interop.requireFile(PROGRAMS.resolve("httpd"), "cyrus-caldav", "cyrus"),
                Interop.requireFile(PROGRAMS.resolve("ctl_cyrusdb"), "cyrus-common", "cyrus"),
                Interop.requireCommand("saslpasswd2", "sasl2-bin"));
    }

    static Path unpackedRoot(String property, String environment) {
        for (String candidate : new String[] {property, environment}) {
            if (candidate != null && !candidate.isBlank()) {
                return Path.of(candidate.trim());
            }
        }
        return DEFAULT_ROOT;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Cyrus (%s, %s)", master, imapd);
    }
}

package org.lemongate.testsupport;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The settings of a private Cyrus and their rendering as imapd.conf and cyrus.conf: plaintext login checked against
 * the instance's own sasldb, "/" as hierarchy separator with personal mailboxes at the top level (the alternate
 * namespace, as Dovecot shows them), each user's INBOX, Sent, Drafts, Trash, Junk and Archive created at first login
 * with their special-use flags, a storage quota, and JMAP over HTTP with gzip; JMAP submissions (EmailSubmission/set)
 * go by SMTP to a port on 127.0.0.1 when one is given.
 *
 * @param users user names to plaintext passwords
 * @param storageQuotaBytes each user's storage quota, a whole number of KiB
 * @param smtpPort the loopback port of the SMTP server JMAP submissions go to, if any
 */
record CyrusConfig(Map<String, String> users, long storageQuotaBytes, OptionalInt smtpPort) {

    static final long DEFAULT_STORAGE_QUOTA_BYTES = 1L << 30;

    /** The realm saslpasswd2 writes users into; Cyrus looks them up in the realm named by its servername. */
    static final String REALM = "localhost";

    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final List<String> SPECIAL_USE = List.of("Sent", "Drafts", "Trash", "Junk", "Archive");

    /** Settings without an SMTP server: a JMAP submission then fails at Cyrus's default sendmail. */
    CyrusConfig(Map<String, String> users, long storageQuotaBytes) {
        this(users, storageQuotaBytes, OptionalInt.empty());
    }

    CyrusConfig {
        users = Map.copyOf(Objects.requireNonNull(users, "users"));
        Objects.requireNonNull(smtpPort, "smtpPort");
        smtpPort.ifPresent(port -> {
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("An SMTP port is 1 to 65535, not " + port);
            }
        });
        users.forEach((name, password) -> {
            if (!USER_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("A Cyrus user name is 1 to 64 of A-Z a-z 0-9 _ -, not: " + name);
            }
            if (password.isEmpty() || password.contains("\n") || password.contains("\r")) {
                throw new IllegalArgumentException("The password of " + name + " is empty or has a line break");
            }
        });
        if (storageQuotaBytes < 1024 || storageQuotaBytes % 1024 != 0) {
            throw new IllegalArgumentException("The quota is a whole number of KiB, at least 1, not "
                    + storageQuotaBytes + " bytes");
        }
    }

    /** The special-use mailboxes every user gets, named after their role. */
    static List<String> specialUseMailboxes() {
        return SPECIAL_USE;
    }

    String imapdConf(CyrusLayout layout) {
        StringBuilder conf = new StringBuilder()
                .append("configdirectory: ").append(layout.configDirectory()).append('\n')
                .append("defaultpartition: default\n")
                .append("partition-default: ").append(layout.spoolDirectory()).append('\n')
                .append("sievedir: ").append(layout.sieveDirectory()).append('\n')
                .append("servername: ").append(REALM).append('\n')
                .append("admins: cyrus\n")
                .append("unixhierarchysep: yes\n")
                .append("altnamespace: yes\n")
                .append("virtdomains: no\n")
                .append("idlesocket: ").append(layout.runDirectory().resolve("idle")).append('\n')
                .append("lmtpsocket: ").append(layout.runDirectory().resolve("lmtp")).append('\n')
                .append("notifysocket: ").append(layout.runDirectory().resolve("notify")).append('\n')
                .append("mboxname_lockpath: ").append(layout.runDirectory().resolve("lock")).append('\n')
                .append("allowplaintext: yes\n")
                .append("sasl_mech_list: PLAIN LOGIN\n")
                .append("sasl_minimum_layer: 0\n")
                .append("sasl_pwcheck_method: auxprop\n")
                .append("sasl_auxprop_plugin: sasldb\n")
                .append("sasl_sasldb_path: ").append(layout.sasldb()).append('\n')
                .append("conversations: yes\n")
                .append("conversations_db: twoskip\n")
                .append("httpmodules: jmap\n")
                .append("httpallowcompress: yes\n")
                // KiB; a quota of zero or more also turns on creating the INBOX at first login.
                .append("autocreate_quota: ").append(storageQuotaBytes / 1024).append('\n')
                .append("autocreate_inbox_folders: ").append(String.join(" | ", SPECIAL_USE)).append('\n')
                .append("autocreate_subscribe_folder: ").append(String.join(" | ", SPECIAL_USE)).append('\n');
        // Cyrus's own SMTP client, sending as is: no AUTH and no STARTTLS towards a test's plain SMTP server.
        smtpPort.ifPresent(port -> conf.append("smtp_backend: host\n")
                .append("smtp_host: ").append(LoopbackPorts.HOST).append(':').append(port).append("/noauth\n"));
        for (String mailbox : SPECIAL_USE) {
            conf.append("xlist-").append(mailbox.toLowerCase(Locale.ROOT)).append(": ")
                    .append(mailbox).append('\n');
        }
        return conf.toString();
    }

    static String cyrusConf(CyrusLayout layout, CyrusInstallation programs, int imapPort, int httpPort) {
        String config = " -C " + layout.imapdConf();
        return "START {\n"
                + "  recover cmd=\"" + programs.ctlCyrusdb() + config + " -r\"\n"
                + "}\n"
                + "SERVICES {\n"
                + "  imap cmd=\"" + programs.imapd() + config + "\" listen=\"" + LoopbackPorts.HOST + ":" + imapPort
                + "\" prefork=1\n"
                + "  http cmd=\"" + programs.httpd() + config + "\" listen=\"" + LoopbackPorts.HOST + ":" + httpPort
                + "\" prefork=1\n"
                + "}\n"
                + "EVENTS {\n"
                + "  checkpoint cmd=\"" + programs.ctlCyrusdb() + config + " -c\" period=30\n"
                + "}\n"
                + "DAEMON {\n"
                // Without idled an IDLE session learns of new mail only from a poll every minute.
                + "  idled cmd=\"" + programs.idled() + config + "\"\n"
                + "}\n";
    }
}

package org.lemongate.app;

/**
 * The text of {@code --help}: every option with its environment variable and default, generated from
 * {@link ConfigKey} so that it cannot drift from what the loader reads.
 */
final class HelpText {

    private HelpText() {
    }

    static String render() {
        StringBuilder b = new StringBuilder();
        b.append("""
                Usage: java -jar lemongate.jar [OPTIONS]
                       java -jar lemongate.jar compare [OPTIONS]   (compare the bindings; compare --help)

                Lemongate serves the mailboxes of an IMAP server over HTTP: REST at /api/v1, SOAP at /soap/mail
                and WebDAV at /dav/. Clients authenticate with HTTP Basic, passed through to IMAP and SMTP;
                over plain HTTP only from this host unless --insecure-credentials says otherwise. With --tls-cert
                and --tls-key (or --tls-keystore) it serves HTTPS. Behind a reverse proxy, list the proxy in
                --trusted-proxies. Without --imap it starts a demo mail server holding a sample mailbox (user demo,
                password demo).

                Each option is read, first match winning, from the command line, the environment variable shown,
                the --config file (same names, e.g. port=8080), and the default. Durations: 500ms, 10s, 5m, 1h.
                Sizes: 4096, 256k, 50m, 1g.

                Options:
                """);
        for (ConfigKey key : ConfigKey.values()) {
            b.append(String.format("  --%s %s%n", key.key(), key.metavar()));
            b.append(String.format("        %s%n", key.description()));
            b.append(String.format("        env %s, default: %s%n", key.environmentVariable(),
                    key.defaultValue().orElse("none")));
        }
        b.append(String.format("  --%s FILE%n", ConfigLoader.CONFIG_FILE_KEY));
        b.append(String.format("        properties file with any of the keys above%n"));
        b.append(String.format("        env %s, default: none%n",
                ConfigKey.environmentVariable(ConfigLoader.CONFIG_FILE_KEY)));
        b.append(String.format("  -h, --help%n        this text%n"));
        return b.toString();
    }
}

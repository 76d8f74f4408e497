package org.lemongate.compare;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The options of {@code java -jar lemongate.jar compare}. Every server option is optional here: the command fills
 * in the demo backend and an in-process gateway for what is missing.
 *
 * @param gateway  {@code --gateway URL}
 * @param imap     {@code --imap URL}
 * @param smtp     {@code --smtp URL}
 * @param proxy    {@code --proxy URL}
 * @param jmap     {@code --jmap URL}
 * @param user     {@code --user NAME}
 * @param password {@code --password SECRET}
 * @param sendTo   {@code --send-to ADDRESS}
 * @param out      {@code --out DIR}
 * @param size     {@code --messages N} and {@code --attachment-size BYTES}
 * @param help     {@code --help}
 */
public record CompareOptions(Optional<URI> gateway, Optional<URI> imap, Optional<URI> smtp, Optional<URI> proxy,
                             Optional<URI> jmap, Optional<String> user, Optional<String> password,
                             Optional<String> sendTo, Path out, WorkloadSize size, boolean help) {

    /** Where reports go without {@code --out}; the gateway serves {@code latest/} from the same place. */
    public static final Path DEFAULT_OUT = Path.of("lemongate-reports");

    private static final Set<String> VALUED = Set.of("gateway", "imap", "smtp", "proxy", "jmap", "user", "password",
            "send-to", "out", "messages", "attachment-size");

    /** What {@code compare --help} prints. */
    public static final String USAGE = """
            Usage: java -jar lemongate.jar compare [OPTIONS]

            Runs one mobile client's day (initial sync of 1,000 messages, open 20, a 5 MB attachment cut and
            resumed, flag 20, move 5, delete 5, send 2, 10 new messages by push, incremental sync) through direct
            IMAP and the gateway's REST, SOAP and WebDAV bindings, counts every byte and round trip at the socket,
            and writes report.md, report.html and report.json. With no options it starts the demo mail server and a
            gateway in this process. See docs/compare.md.

            Options:
              --gateway URL          a running gateway (http://host:port/); needs --imap, --user, --password
              --imap URL             the IMAP server behind it (imap://host:port); without --gateway a gateway is
                                     started in-process against it
              --smtp URL             SMTP server for the baseline's send (smtp://host:port); else not measured
              --user NAME            mail account (default with the demo backend: demo)
              --password SECRET      its password (default with the demo backend: demo)
              --proxy URL            an HTTP proxy (http://host:port) that every client's traffic goes through
              --jmap URL             also measure a JMAP server (http://host:port/, RFC 8620/8621) on the same
                                     account and mailbox as --imap, e.g. Cyrus's own JMAP
              --send-to ADDRESS      recipient of the two sent messages (default: the user, or demo's address)
              --out DIR              where reports go (default lemongate-reports): DIR/<run>/ and DIR/latest/
              --messages N           mailbox size (default 1000, at least 51)
              --attachment-size N    the large attachment in bytes (default 5000000)
              -h, --help             this text
            """;

    /**
     * Reads the arguments after {@code compare}.
     *
     * @throws IllegalArgumentException naming the option at fault
     */
    public static CompareOptions parse(String... args) {
        Map<String, String> values = new HashMap<>();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                help = true;
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'; options start with --");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (!VALUED.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + " (see compare --help)");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                value = args[++i];
            }
            if (values.put(name, value) != null) {
                throw new IllegalArgumentException("--" + name + " is given twice");
            }
        }
        WorkloadSize size = new WorkloadSize(
                number(values, "messages", WorkloadSize.STANDARD.messages()),
                number(values, "attachment-size", WorkloadSize.STANDARD.attachmentBytes()));
        return new CompareOptions(uri(values, "gateway"), uri(values, "imap"), uri(values, "smtp"),
                uri(values, "proxy"), uri(values, "jmap"), Optional.ofNullable(values.get("user")),
                Optional.ofNullable(values.get("password")), Optional.ofNullable(values.get("send-to")),
                Optional.ofNullable(values.get("out")).map(Path::of).orElse(DEFAULT_OUT), size, help);
    }

    private static Optional<URI> uri(Map<String, String> values, String name) {
        String raw = values.get(name);
        if (raw == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(raw);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("--" + name + " must be a URL such as scheme://host:port, not '"
                        + raw + "'");
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--" + name + " is not a URL: " + e.getMessage(), e);
        }
    }

    private static int number(Map<String, String> values, String name, int fallback) {
        String raw = values.get(name);
        if (raw == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, not '" + raw + "'", e);
        }
    }
}

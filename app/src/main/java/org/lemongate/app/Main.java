package org.lemongate.app;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import org.lemongate.mapping.imap.BackendSettings.StartTls;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * {@code java -jar lemongate.jar}: parses the options, starts the demo mail server when no IMAP server is given,
 * starts the embedded gateway and prints where it answers; {@code java -jar lemongate.jar compare ...} runs the
 * binding comparison instead ({@link CompareCommand}). Stops cleanly on Ctrl-C or SIGTERM. Exits with status 2
 * on a bad option or value, 1 when the gateway cannot start.
 */
public final class Main {

    static final int EXIT_USAGE = 2;
    static final int EXIT_FAILURE = 1;
    /** The subcommand that runs the binding comparison instead of the gateway. */
    static final String COMPARE = "compare";

    private Main() {
    }

    /** Runs the gateway until the JVM is asked to stop. */
    public static void main(String[] args) {
        int status = run(args, System.getenv(), System.out, System.err);
        // A comparison is over when run returns; the gateway keeps running on its own threads.
        if (status != 0 || args.length > 0 && args[0].equals(COMPARE)) {
            System.exit(status);
        }
    }

    /**
     * Starts the gateway and returns 0 once it serves (it keeps running on Undertow's threads), or the exit status
     * of a failed start.
     */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length > 0 && args[0].equals(COMPARE)) {
            return CompareCommand.run(Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        GatewayConfig config;
        try {
            CommandLine cli = CommandLine.parse(args);
            if (cli.help()) {
                out.print(HelpText.render());
                return 0;
            }
            config = ConfigLoader.forCommandLine(cli, env);
        } catch (ConfigException e) {
            err.println("lemongate: " + e.getMessage());
            return EXIT_USAGE;
        }
        // CXF and Jakarta Mail log through java.util.logging; one logging configuration serves all.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        try {
            Running running = Running.start(config);
            Runtime.getRuntime().addShutdownHook(new Thread(running::close, "lemongate-shutdown"));
            out.print(running.banner());
            out.flush();
            return 0;
        } catch (RuntimeException e) {
            err.println("lemongate: cannot start: " + e.getMessage());
            return EXIT_FAILURE;
        }
    }

    /** What an operator serving plain HTTP beyond this host should know about passwords, if anything. */
    static Optional<String> plainHttpWarning(GatewayConfig config) {
        String bind = config.bind();
        boolean loopback = bind.startsWith("127.") || bind.equals("localhost") || bind.equals("::1")
                || bind.equals("[::1]");
        if (config.tls().enabled() || loopback) {
            return Optional.empty();
        }
        return Optional.of(switch (config.edge().insecureCredentials()) {
            case ALLOW -> "Warning: plain HTTP with insecure-credentials=allow: passwords cross the network in clear.";
            default -> "Note: plain HTTP on " + bind + ": credentials from other hosts are refused unless a trusted "
                    + "proxy terminated TLS (--tls-cert/--tls-key or --trusted-proxies).";
        });
    }

    /** The running gateway and, in demo mode, its mail server; closing stops both, gateway first. */
    private record Running(EmbeddedServer server, Optional<DemoMailServer> demo, GatewayConfig config)
            implements AutoCloseable {

        static Running start(GatewayConfig config) {
            if (!config.demoMode()) {
                return new Running(EmbeddedServer.start(config), Optional.empty(), config);
            }
            DemoMailServer demo = DemoMailServer.start();
            try {
                GatewayConfig demoConfig = config.withMailServers(demo.imapUrl(), demo.smtpUrl(), StartTls.OFF);
                return new Running(EmbeddedServer.start(demoConfig), Optional.of(demo), demoConfig);
            } catch (RuntimeException e) {
                demo.close();
                throw e;
            }
        }

        String banner() {
            String base = server.baseUri().toString();
            StringBuilder b = new StringBuilder();
            b.append("Lemongate is running at ").append(base).append(System.lineSeparator());
            for (Binding binding : config.bindings()) {
                for (Binding.Link link : binding.links()) {
                    b.append(String.format("  %-21s %s%s%n", link.title() + ":", base, link.path().substring(1)));
                }
            }
            if (demo.isPresent()) {
                b.append("Demo mail server: user ").append(DemoMailServer.USER).append(", password ")
                        .append(DemoMailServer.PASSWORD).append(System.lineSeparator());
            }
            plainHttpWarning(config).ifPresent(w -> b.append(w).append(System.lineSeparator()));
            b.append("Press Ctrl-C to stop.").append(System.lineSeparator());
            return b.toString();
        }

        @Override
        public void close() {
            try {
                server.close();
            } finally {
                demo.ifPresent(DemoMailServer::close);
            }
        }
    }
}

package org.lemongate.app;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import jakarta.mail.MessagingException;

import org.lemongate.compare.Compare;
import org.lemongate.compare.CompareOptions;
import org.lemongate.compare.Endpoints;
import org.lemongate.compare.Report;
import org.lemongate.mapping.imap.BackendSettings.StartTls;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar lemongate.jar compare}: supplies what the options leave out — the demo mail server and an
 * in-process gateway on a free port — runs the comparison harness, writes the reports and stops what it started.
 * Exits 0 when every step either went well or is honestly not available, 1 when a step failed, 2 on a bad option.
 */
final class CompareCommand {

    private static final String DEMO_ADDRESS = DemoMailServer.USER + "@lemongate.localhost";

    private CompareCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        CompareOptions options;
        try {
            options = CompareOptions.parse(args);
            if (options.help()) {
                out.print(CompareOptions.USAGE);
                return 0;
            }
            if (options.gateway().isPresent() && options.imap().isEmpty()) {
                throw new IllegalArgumentException("--gateway needs --imap: the harness seeds its mailbox over IMAP");
            }
            if (options.imap().isPresent() && (options.user().isEmpty() || options.password().isEmpty())) {
                throw new IllegalArgumentException("--imap needs --user and --password");
            }
        } catch (IllegalArgumentException e) {
            err.println("lemongate compare: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        Runnable restoreLogging = quietGateway();
        List<AutoCloseable> started = new ArrayList<>();
        try {
            Endpoints endpoints = endpoints(options, started, err);
            String sendTo = options.sendTo().orElse(options.imap().isEmpty() ? DEMO_ADDRESS
                    : endpoints.user().contains("@") ? endpoints.user() : endpoints.user() + "@localhost");
            Report report = Compare.run(endpoints, options.size(), sendTo, err);
            Path dir = Compare.publish(report, options.out());
            out.println("Reports written to " + dir.toAbsolutePath() + " (report.html, report.md, report.json)");
            out.println("Latest report: " + options.out().resolve(Compare.LATEST).resolve("report.html")
                    .toAbsolutePath());
            return report.noFailures() ? 0 : Main.EXIT_FAILURE;
        } catch (IllegalArgumentException e) {
            err.println("lemongate compare: " + e.getMessage());
            return Main.EXIT_USAGE;
        } catch (MessagingException | IOException | RuntimeException e) {
            err.println("lemongate compare: cannot complete the run: " + e.getMessage());
            return Main.EXIT_FAILURE;
        } finally {
            for (int i = started.size() - 1; i >= 0; i--) {
                try {
                    started.get(i).close();
                } catch (Exception e) {
                    err.println("lemongate compare: stopping " + started.get(i) + ": " + e.getMessage());
                }
            }
            restoreLogging.run();
        }
    }

    /**
     * The in-process gateway's access log would bury the progress lines; its warnings and errors still show. Returns
     * what puts the level back, so that a caller in the same JVM (an embedding program, a test) keeps its logging.
     */
    private static Runnable quietGateway() {
        org.slf4j.Logger root = LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root instanceof Logger logback) {
            Level before = logback.getLevel();
            logback.setLevel(Level.WARN);
            return () -> logback.setLevel(before);
        }
        return () -> { };
    }

    /** The servers to measure: as given, or started here (remembered in {@code started} to be stopped). */
    private static Endpoints endpoints(CompareOptions options, List<AutoCloseable> started, PrintStream err) {
        if (options.gateway().isPresent()) {
            return new Endpoints(options.gateway().get(), options.imap().get(), options.smtp(), options.proxy(),
                    options.user().get(), options.password().get(), options.jmap());
        }
        GatewayConfig config;
        URI imap;
        Optional<URI> smtp;
        String user;
        String password;
        if (options.imap().isEmpty()) {
            err.println("[compare] starting the demo mail server and an in-process gateway");
            DemoMailServer demo = DemoMailServer.start();
            started.add(demo);
            imap = demo.imapUrl();
            smtp = Optional.of(demo.smtpUrl());
            user = options.user().orElse(DemoMailServer.USER);
            password = options.password().orElse(DemoMailServer.PASSWORD);
            config = inProcess(List.of()).withMailServers(imap, smtp.get(), StartTls.OFF);
        } else {
            err.println("[compare] starting an in-process gateway against " + options.imap().get());
            imap = options.imap().get();
            smtp = options.smtp();
            user = options.user().get();
            password = options.password().get();
            List<String> servers = new ArrayList<>(List.of("--imap", imap.toString()));
            smtp.ifPresent(s -> servers.addAll(List.of("--smtp", s.toString())));
            config = inProcess(servers);
        }
        EmbeddedServer gateway = EmbeddedServer.start(config);
        started.add(gateway);
        return new Endpoints(gateway.baseUri(), imap, smtp, options.proxy(), user, password, options.jmap());
    }

    /** The defaults on a free loopback port; the environment is ignored, so a run is the same wherever it starts. */
    private static GatewayConfig inProcess(List<String> servers) {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--bind", "127.0.0.1"));
        args.addAll(servers);
        return ConfigLoader.forCommandLine(CommandLine.parse(args.toArray(String[]::new)), Map.of());
    }
}

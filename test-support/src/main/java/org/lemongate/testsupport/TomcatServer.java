package org.lemongate.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Debian's Tomcat 10.1 (package tomcat10) running one WAR in a private CATALINA_BASE on free loopback ports, for
 * tests of the WAR packaging in a real servlet container.
 *
 * <pre>{@code
 * try (TomcatServer tomcat = TomcatServer.builder()
 *         .war(Path.of("target/lemongate.war"), "/lemongate")
 *         .contextParameter("lemongate.imap.url", dovecot.imapUrl())
 *         .readyPath("/lemongate/healthz")
 *         .start()) {
 *     HTTP to tomcat.contextUrl() ...
 * }
 * }</pre>
 *
 * <p>Tomcat runs as {@code catalina.sh run}, a direct child of the JVM, so its exit is seen at once; it stops with
 * {@code catalina.sh stop <timeout> -force} through a shutdown port on 127.0.0.1 that only this instance knows the
 * command for. When Tomcat is not installed, starting one skips the test, or fails it when the {@link Interop}
 * policy is {@code required}. A failed start throws with Tomcat's logs in the message.
 */
public final class TomcatServer implements AutoCloseable {

    /** Where Debian's tomcat10 package installs Tomcat. */
    public static final Path CATALINA_HOME = Path.of("/usr/share/tomcat10");

    private static final String PACKAGE = "tomcat10";
    private static final int STOP_WAIT_SECONDS = 10;
    private static final Duration STOP_COMMAND_TIMEOUT = Duration.ofSeconds(STOP_WAIT_SECONDS + 20);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final int LOG_TAIL_BYTES = 16 * 1024;

    private final TomcatBase base;
    private final Path catalinaScript;
    private final String contextPath;
    private final String readyPath;
    private final Duration startupTimeout;
    private final List<String> javaOptions;
    private int httpPort;
    private int shutdownPort;
    private Process tomcat;
    private boolean closed;

    private TomcatServer(Builder builder, TomcatBase base, Path catalinaScript) {
        this.base = base;
        this.catalinaScript = catalinaScript;
        this.contextPath = builder.settings.contextPath();
        this.readyPath = builder.settings.readyPath();
        this.startupTimeout = builder.settings.startupTimeout();
        this.javaOptions = builder.settings.javaOptions();
    }

    /**
     * Skips or fails the calling test, per the {@link Interop} policy, unless Debian's Tomcat is installed; for
     * tests that must know before they build what they deploy. {@link Builder#start()} checks it too.
     *
     * @return catalina.sh
     */
    public static Path requireInstalled() {
        return Interop.requireFile(CATALINA_HOME.resolve("bin/catalina.sh"), PACKAGE, PACKAGE);
    }

    /** A builder; {@link Builder#war(Path, String)} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The address Tomcat listens on: always {@code 127.0.0.1}. */
    public String host() {
        return LoopbackPorts.HOST;
    }

    /** The HTTP port; the same across {@link #stop()} and {@link #start()}. */
    public synchronized int port() {
        return httpPort;
    }

    /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
    public String baseUrl() {
        return "http://" + host() + ":" + port();
    }

    /** The web application's root: {@link #baseUrl()} followed by its context path, without a trailing slash. */
    public String contextUrl() {
        return baseUrl() + contextPath;
    }

    /** Whether the Tomcat process is running. */
    public synchronized boolean isRunning() {
        return tomcat != null && tomcat.isAlive();
    }

    /** The end of catalina.out and of every other log file of this instance, to print when a test fails. */
    public String logs() {
        return base.logText(LOG_TAIL_BYTES);
    }

    /**
     * Starts Tomcat again after {@link #stop()}, on the same ports; returns when the ready URL answers. Does nothing
     * while it runs.
     *
     * @throws IllegalStateException when Tomcat or the application does not come up; the message carries the logs
     */
    public synchronized TomcatServer start() {
        if (closed) {
            throw new IllegalStateException("This Tomcat was closed; start a new one");
        }
        if (!isRunning()) {
            try {
                launch();
            } catch (PortTakenException taken) {
                throw new IllegalStateException("Another process took port " + httpPort + " or " + shutdownPort
                        + " while Tomcat was stopped:\n" + logs(), taken);
            }
        }
        return this;
    }

    /**
     * Stops Tomcat with {@code catalina.sh stop 10 -force}; returns when the process has exited and the HTTP port
     * refuses connections. Does nothing when already stopped.
     */
    public synchronized void stop() {
        if (tomcat == null) {
            return;
        }
        List<String> command = List.of(catalinaScript.toString(), "stop", Integer.toString(STOP_WAIT_SECONDS),
                "-force");
        ShortCommand.run(command, environment(), null, base.directory(), STOP_COMMAND_TIMEOUT);
        if (!ChildProcesses.waitFor(tomcat, Duration.ofSeconds(STOP_WAIT_SECONDS))) {
            // catalina.sh gave up (say, the shutdown port was unreachable): end it the way a supervisor would.
            ChildProcesses.end(tomcat, Duration.ofSeconds(STOP_WAIT_SECONDS));
        }
        tomcat = null;
        LoopbackPorts.awaitRefused(httpPort, Duration.ofSeconds(STOP_WAIT_SECONDS));
    }

    /** Stops Tomcat and deletes its CATALINA_BASE. */
    @Override
    public synchronized void close() {
        try {
            stop();
        } finally {
            closed = true;
            Directories.deleteRecursively(base.directory());
        }
    }

    @Override
    public String toString() {
        return "Tomcat at " + contextUrl() + " in " + base.directory();
    }

    /** The instance's CATALINA_BASE, for tests of this class. */
    Path baseDirectory() {
        return base.directory();
    }

    private void firstStart() {
        PortTakenException.retrying(() -> {
            httpPort = LoopbackPorts.pickFree();
            shutdownPort = LoopbackPorts.pickFree();
            launch();
        }, this::logs);
    }

    private void launch() {
        base.writeServerXml(httpPort, shutdownPort);
        ProcessBuilder builder = new ProcessBuilder(catalinaScript.toString(), "run")
                .directory(base.directory().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(base.consoleLog().toFile()));
        builder.environment().remove("JAVA_HOME");
        builder.environment().putAll(environment());
        try {
            tomcat = ChildProcesses.start(builder);
            // catalina.sh run execs java under its own pid; stop -force needs it to kill a Tomcat that hangs.
            Files.writeString(base.pidFile(), Long.toString(tomcat.pid()), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + catalinaScript, e);
        }
        awaitReady();
    }

    private Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("CATALINA_HOME", CATALINA_HOME.toString());
        environment.put("CATALINA_BASE", base.directory().toString());
        environment.put("CATALINA_PID", base.pidFile().toString());
        environment.put("CATALINA_TMPDIR", base.temp().toString());
        // The same Java as the tests, whatever JAVA_HOME says.
        environment.put("JRE_HOME", System.getProperty("java.home"));
        List<String> options = new ArrayList<>(javaOptions);
        // Exit instead of running on without a connector when a port turns out to be taken.
        options.add("-Dorg.apache.catalina.startup.EXIT_ON_INIT_FAILURE=true");
        environment.put("CATALINA_OPTS", String.join(" ", options));
        return environment;
    }

    private void awaitReady() {
        String readyUrl = baseUrl() + readyPath;
        String failedContext = "Context [" + contextPath + "] startup failed";
        long deadline = System.nanoTime() + startupTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!tomcat.isAlive()) {
                tomcat = null;
                // catalina.out gets every log record; it is reset after a clash so only this launch is read.
                if (Directories.tail(base.consoleLog(), LOG_TAIL_BYTES).contains("Address already in use")) {
                    resetConsoleLog();
                    throw new PortTakenException("Tomcat");
                }
                throw new IllegalStateException("Tomcat exited while starting:\n" + logs());
            }
            int status = ReadyProbe.status(readyUrl);
            if (status >= 200 && status < 400) {
                return;
            }
            String logs = logs();
            if (logs.contains(failedContext)) {
                stop();
                throw new IllegalStateException("The web application at " + contextPath + " failed to start:\n"
                        + logs);
            }
            Polling.sleep(POLL_INTERVAL);
        }
        stop();
        throw new IllegalStateException(readyUrl + " did not answer 2xx or 3xx within " + startupTimeout + ":\n"
                + logs());
    }

    private void resetConsoleLog() {
        try {
            Files.deleteIfExists(base.consoleLog());
        } catch (IOException ignored) {
            // an old "Address already in use" would only misread a later failure as a port clash
        }
    }

    /** Collects what a {@link TomcatServer} deploys and starts it. */
    public static final class Builder {

        private final WebAppSettings settings = new WebAppSettings();

        private Builder() {
        }

        /**
         * The WAR to deploy and its context path: {@code ""} for the root, otherwise {@code "/name"}. The file is
         * copied, so the build may rewrite it while Tomcat runs.
         */
        public Builder war(Path warFile, String path) {
            settings.war(warFile, path);
            return this;
        }

        /** A servlet context parameter for the application; it wins over a same-named one in its web.xml. */
        public Builder contextParameter(String name, String value) {
            settings.contextParameter(name, value);
            return this;
        }

        /** Several context parameters. */
        public Builder contextParameters(Map<String, String> parameters) {
            parameters.forEach(this::contextParameter);
            return this;
        }

        /**
         * The path (from the server root, with query if any) that answers 2xx or 3xx once the application is up;
         * default: the context root, {@code contextPath + "/"}.
         */
        public Builder readyPath(String path) {
            settings.readyPath(path);
            return this;
        }

        /** How long Tomcat and the application may take to come up (default 90 s, for a loaded CI machine). */
        public Builder startupTimeout(Duration timeout) {
            settings.startupTimeout(timeout);
            return this;
        }

        /** Adds JVM options for Tomcat (CATALINA_OPTS); the default is only {@code -Xmx256m}. */
        public Builder javaOption(String option) {
            settings.javaOption(option);
            return this;
        }

        /**
         * Lays out the CATALINA_BASE, starts Tomcat and returns when the ready path answers. Skips or fails the
         * calling test, per the {@link Interop} policy, when Tomcat is not installed.
         *
         * @throws IllegalStateException when Tomcat or the application does not come up; the message carries the
         *     logs
         */
        public TomcatServer start() {
            settings.checkWar();
            Path catalinaScript = requireInstalled();
            TomcatBase base = TomcatBase.create(settings.war(), settings.contextPath(), settings.contextParameters());
            TomcatServer server = new TomcatServer(this, base, catalinaScript);
            try {
                server.firstStart();
                return server;
            } catch (RuntimeException failure) {
                server.close();
                throw failure;
            }
        }
    }
}

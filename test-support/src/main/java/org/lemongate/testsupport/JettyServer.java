package org.lemongate.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Jetty 12 (the ee10 environment, Servlet 6.0) running one unmodified WAR in its own JVM on a free loopback port,
 * for tests of the WAR packaging in a second servlet container.
 *
 * <pre>{@code
 * try (JettyServer jetty = JettyServer.builder()
 *         .war(Path.of("target/lemongate.war"), "/lemongate")
 *         .environment("LEMONGATE_IMAP", dovecot.imapUrl())     // or contextParameter("lemongate.imap", ...)
 *         .readyPath("/lemongate/healthz")
 *         .start()) {
 *     HTTP to jetty.contextUrl() ...
 * }
 * }</pre>
 *
 * <p>Jetty's jars come from Maven Central; the build names them in the system property {@value #CLASSPATH_PROPERTY}
 * (app's POM fills it with maven-dependency-plugin's build-classpath). The child JVM runs Jetty's own
 * {@code XmlConfiguration} on a generated jetty.xml, so nothing of the test JVM's class path reaches the web
 * application: it sees only its WEB-INF and the container, as in production. Stopping sends SIGTERM, which Jetty
 * answers with a graceful stop.
 */
public final class JettyServer implements AutoCloseable {

    /** The system property holding Jetty's class path, entries separated by the platform's path separator. */
    public static final String CLASSPATH_PROPERTY = "lemongate.jetty.classpath";

    private static final String MAIN_CLASS = "org.eclipse.jetty.xml.XmlConfiguration";
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final int LOG_TAIL_BYTES = 32 * 1024;

    private final JettyBase base;
    private final String classpath;
    private final String contextPath;
    private final String readyPath;
    private final Duration startupTimeout;
    private final Map<String, String> contextParameters;
    private final Map<String, String> environment;
    private final List<String> javaOptions;
    private int httpPort;
    private Process jetty;

    private JettyServer(Builder builder, JettyBase base, String classpath) {
        this.base = base;
        this.classpath = classpath;
        this.contextPath = builder.settings.contextPath();
        this.readyPath = builder.settings.readyPath();
        this.startupTimeout = builder.settings.startupTimeout();
        this.contextParameters = builder.settings.contextParameters();
        this.environment = Map.copyOf(builder.environment);
        this.javaOptions = builder.settings.javaOptions();
    }

    /** A builder; {@link Builder#war(Path, String)} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The HTTP port on 127.0.0.1. */
    public int port() {
        return httpPort;
    }

    /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
    public String baseUrl() {
        return "http://" + LoopbackPorts.HOST + ":" + httpPort;
    }

    /** The web application's root: {@link #baseUrl()} followed by its context path, without a trailing slash. */
    public String contextUrl() {
        return baseUrl() + contextPath;
    }

    /** Whether the Jetty JVM is running. */
    public synchronized boolean isRunning() {
        return jetty != null && jetty.isAlive();
    }

    /** The end of Jetty's console output (its own log and the application's), to print when a test fails. */
    public String logs() {
        return "--- " + base.consoleLog() + "\n" + Directories.tail(base.consoleLog(), LOG_TAIL_BYTES);
    }

    /** Stops Jetty and deletes its directory. */
    @Override
    public synchronized void close() {
        try {
            if (jetty != null) {
                ChildProcesses.end(jetty, STOP_GRACE);
                jetty = null;
                LoopbackPorts.awaitRefused(httpPort, STOP_GRACE);
            }
        } finally {
            Directories.deleteRecursively(base.directory());
        }
    }

    @Override
    public String toString() {
        return "Jetty at " + contextUrl() + " in " + base.directory();
    }

    private void firstStart() {
        PortTakenException.retrying(() -> launch(LoopbackPorts.pickFree()), this::logs);
    }

    private void launch(int port) {
        httpPort = port;
        base.writeConfig(port, contextPath, contextParameters);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.add("-Djava.io.tmpdir=" + base.temp());
        command.addAll(List.of("-cp", classpath, MAIN_CLASS, base.configFile().toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(base.directory().toFile())
                .redirectErrorStream(true)
                .redirectOutput(base.consoleLog().toFile());
        builder.environment().putAll(environment);
        try {
            jetty = ChildProcesses.start(builder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Jetty", e);
        }
        awaitReady();
    }

    private void awaitReady() {
        String readyUrl = baseUrl() + readyPath;
        long deadline = System.nanoTime() + startupTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!jetty.isAlive()) {
                jetty = null;
                if (Directories.tail(base.consoleLog(), LOG_TAIL_BYTES).contains("Address already in use")) {
                    throw new PortTakenException("Jetty");
                }
                throw new IllegalStateException("Jetty exited while starting:\n" + logs());
            }
            int status = ReadyProbe.status(readyUrl);
            if (status >= 200 && status < 400) {
                return;
            }
            Polling.sleep(POLL_INTERVAL);
        }
        ChildProcesses.end(jetty, STOP_GRACE);
        jetty = null;
        throw new IllegalStateException(readyUrl + " did not answer 2xx or 3xx within " + startupTimeout + ":\n"
                + logs());
    }

    /** Collects what a {@link JettyServer} deploys and starts it. */
    public static final class Builder {

        private final WebAppSettings settings = new WebAppSettings();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private String classpath = System.getProperty(CLASSPATH_PROPERTY);

        private Builder() {
        }

        /** The WAR to deploy and its context path: {@code ""} for the root, otherwise {@code "/name"}. */
        public Builder war(Path warFile, String path) {
            settings.war(warFile, path);
            return this;
        }

        /** Jetty's class path; default: the system property {@value #CLASSPATH_PROPERTY}. */
        public Builder classpath(String jettyClasspath) {
            this.classpath = Objects.requireNonNull(jettyClasspath, "jettyClasspath");
            return this;
        }

        /** A servlet context parameter for the application ({@code WebAppContext.setInitParameter}). */
        public Builder contextParameter(String name, String value) {
            settings.contextParameter(name, value);
            return this;
        }

        /** An environment variable of the Jetty process, such as {@code LEMONGATE_IMAP}. */
        public Builder environment(String name, String value) {
            environment.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** The path from the server root that answers 2xx or 3xx once the application is up; default its root. */
        public Builder readyPath(String path) {
            settings.readyPath(path);
            return this;
        }

        /** How long Jetty and the application may take to come up (default 90 s, for a loaded CI machine). */
        public Builder startupTimeout(Duration timeout) {
            settings.startupTimeout(timeout);
            return this;
        }

        /** Adds a JVM option for Jetty's JVM; the default is only {@code -Xmx256m}. */
        public Builder javaOption(String option) {
            settings.javaOption(option);
            return this;
        }

        /**
         * Writes jetty.xml, starts Jetty and returns when the ready path answers.
         *
         * @throws IllegalStateException when Jetty's class path is unknown, or Jetty or the application does not
         *     come up; the message carries the console log
         */
        public JettyServer start() {
            settings.checkWar();
            if (classpath == null || classpath.isBlank()) {
                throw new IllegalStateException("Jetty's jars are unknown: set the system property "
                        + CLASSPATH_PROPERTY + " (app's POM does, through maven-dependency-plugin build-classpath)");
            }
            JettyServer server = new JettyServer(this, JettyBase.create(settings.war()), classpath);
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
